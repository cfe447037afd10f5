/* A small stand-in for Web Workers on pages opened from file://.
 *
 * Browsers refuse `new Worker(...)` for a file:// script, which would leave
 * the site's search stuck in an offline copy. On file:// only, this runs the
 * worker script inside a hidden iframe and passes messages both ways, so the
 * search worker works with no server and no network. Written for this
 * project (the name contains "iframe-worker" so the theme's offline plugin
 * uses it instead of fetching its own from a CDN).
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof window.EventTarget !== "function") return;

  function IframeWorker(url) {
    var target = new EventTarget();
    var self = this;
    var queue = [];
    var ready = false;
    this.onmessage = null;
    this.onerror = null;
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);

    var frame = document.createElement("iframe");
    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("tabindex", "-1");
    frame.title = "Search helper";
    frame.style.display = "none";
    (document.body || document.documentElement).appendChild(frame);
    var scope = frame.contentWindow;

    function deliver(data) {
      var event = new MessageEvent("message", { data: data });
      if (typeof self.onmessage === "function") self.onmessage(event);
      target.dispatchEvent(event);
    }
    // The worker's postMessage() sends to this page
    scope.postMessage = function (data) {
      setTimeout(function () { deliver(data); }, 0);
    };
    scope.importScripts = function () {
      Array.prototype.forEach.call(arguments, function (src) {
        var s = scope.document.createElement("script");
        s.src = new URL(src, url).href;
        scope.document.head.appendChild(s);
      });
    };
    function send(data) {
      scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
    }
    this.postMessage = function (data) {
      if (ready) setTimeout(function () { send(data); }, 0);
      else queue.push(data);
    };
    this.terminate = function () {
      frame.remove();
    };
    var script = scope.document.createElement("script");
    script.src = new URL(url, location.href).href;
    script.onload = function () {
      ready = true;
      queue.splice(0).forEach(send);
    };
    script.onerror = function () {
      var event = new Event("error");
      if (typeof self.onerror === "function") self.onerror(event);
      target.dispatchEvent(event);
    };
    scope.document.head.appendChild(script);
  }

  window.Worker = IframeWorker;
})();
