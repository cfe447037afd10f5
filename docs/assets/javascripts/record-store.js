/* The learner record's storage and schema: load, check, upgrade, save (merging is in record-import.js).
 *
 * The record is the only copy of a learner's work (no account, no server), so
 * this file never throws data away silently: a record that cannot be read is
 * kept aside under another key, a save the browser refuses is reported to the
 * page, and an imported file is checked field by field before it is merged.
 *
 * Record, version 2 (localStorage key "pw-record"; also the PW-RECORD line of
 * a downloaded file):
 *   version: 2
 *   name: text (<= 200), nameAt: time the name was last changed
 *   exported: time the file was downloaded (files only)
 *   modules: { <module id>: {
 *     title: text, minutes: whole number      (copied from the page)
 *     visited: date of the last visit, firstVisited: date of the first
 *     read: date marked as read, or null; readAt: time it was (un)marked
 *     reflection: { text, updated: time, earlier: [{ text, updated }] }
 *     task: { id, text, updated: time, earlier: [{ text, updated }] }
 *     answers: { <question id>: { first: Attempt, now: Attempt or absent } }
 *     v1quiz: { answered, correct, total, updated: date }   (from version 1)
 *   } }
 *   Attempt: { answer: [text], correct: true/false, at: time }
 * Dates are "YYYY-MM-DD"; times are ISO 8601 in UTC ("2026-12-02T06:20:00.000Z").
 * Unknown keys, prototype keys and values of the wrong type or size are dropped.
 */
(function () {
  "use strict";

  var KEY = "pw-record";
  var ASIDE = "pw-record-damaged-";
  var VERSION = 2;
  var MAX_FILE = 1024 * 1024;
  var LIMIT = { name: 200, title: 300, text: 20000, earlier: 30, answers: 100, choices: 20, choice: 300, modules: 300, id: 80 };
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/;
  var EARLIEST = Date.UTC(2000, 0, 1);

  // ------------------------------------------------------------ small helpers

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function map() {
    return Object.create(null);
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function stamp() {
    return new Date().toISOString();
  }

  /** "2026-12-02 06:20" in the learner's own time zone, for people to read. */
  function shown(time) {
    if (typeof time !== "string") return "";
    var d = new Date(time);
    if (isNaN(d)) return time;
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  function notInFuture(ms) {
    return ms >= EARLIEST && ms <= Date.now() + 36 * 3600 * 1000;
  }

  function validDate(value) {
    if (typeof value !== "string" || !DATE.test(value)) return false;
    var ms = Date.parse(value + "T00:00:00Z");
    return !isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value && notInFuture(ms);
  }

  function validTime(value) {
    if (typeof value !== "string" || !TIME.test(value)) return false;
    var ms = Date.parse(value);
    return !isNaN(ms) && notInFuture(ms);
  }

  function validId(value) {
    // "constructor" is a valid slug but also a property of every object: refused.
    return typeof value === "string" && value.length <= LIMIT.id && SLUG.test(value) && !(value in Object.prototype);
  }

  function text(value, limit) {
    return typeof value === "string" && value.length <= limit;
  }

  // ------------------------------------------------------------ the schema

  /** A checker walks one value and notes the path of everything it drops. */
  function Checker(knownIds) {
    this.dropped = [];
    this.known = knownIds || null;
  }

  Checker.prototype.drop = function (path) {
    this.dropped.push(path);
    return undefined;
  };

  Checker.prototype.keys = function (value, path, allowed) {
    var self = this;
    Object.keys(value).forEach(function (key) {
      if (allowed.indexOf(key) < 0) self.drop(path + "." + key);
    });
  };

  Checker.prototype.version = function (value, path) {
    if (!isObject(value)) return this.drop(path);
    this.keys(value, path, ["text", "updated"]);
    if (!text(value.text, LIMIT.text) || !validTime(value.updated)) return this.drop(path);
    return { text: value.text, updated: value.updated };
  };

  Checker.prototype.writing = function (value, path, withId) {
    if (!isObject(value)) return this.drop(path);
    this.keys(value, path, withId ? ["id", "text", "updated", "earlier"] : ["text", "updated", "earlier"]);
    if (!text(value.text, LIMIT.text) || !validTime(value.updated)) return this.drop(path);
    var out = { text: value.text, updated: value.updated };
    if (withId) {
      if (!validId(value.id)) return this.drop(path + ".id");
      out.id = value.id;
    }
    if (own(value, "earlier")) {
      if (!Array.isArray(value.earlier)) this.drop(path + ".earlier");
      else {
        var self = this;
        out.earlier = value.earlier.slice(0, LIMIT.earlier).map(function (v, i) {
          return self.version(v, path + ".earlier." + i);
        }).filter(Boolean);
        if (value.earlier.length > LIMIT.earlier) this.drop(path + ".earlier (too many)");
      }
    }
    return out;
  };

  Checker.prototype.attempt = function (value, path) {
    if (!isObject(value)) return this.drop(path);
    this.keys(value, path, ["answer", "correct", "at"]);
    if (typeof value.correct !== "boolean" || !validTime(value.at)) return this.drop(path);
    if (!Array.isArray(value.answer) || value.answer.length > LIMIT.choices) return this.drop(path + ".answer");
    for (var i = 0; i < value.answer.length; i++) {
      if (!text(value.answer[i], LIMIT.choice)) return this.drop(path + ".answer." + i);
    }
    return { answer: value.answer.slice(), correct: value.correct, at: value.at };
  };

  Checker.prototype.answers = function (value, path) {
    if (!isObject(value)) return this.drop(path);
    var out = map();
    var self = this;
    var keys = Object.keys(value);
    if (keys.length > LIMIT.answers) return this.drop(path + " (too many)");
    keys.forEach(function (qid) {
      var where = path + "." + qid;
      if (!validId(qid) || !isObject(value[qid])) return self.drop(where);
      self.keys(value[qid], where, ["first", "now"]);
      var first = self.attempt(value[qid].first, where + ".first");
      if (!first) return undefined;
      out[qid] = { first: first };
      if (own(value[qid], "now") && value[qid].now !== null) {
        var now = self.attempt(value[qid].now, where + ".now");
        if (now) out[qid].now = now;
      }
      return undefined;
    });
    return out;
  };

  Checker.prototype.v1quiz = function (value, path) {
    if (!isObject(value)) return this.drop(path);
    this.keys(value, path, ["answered", "correct", "total", "updated"]);
    var counts = ["answered", "correct", "total"];
    for (var i = 0; i < counts.length; i++) {
      var n = value[counts[i]];
      if (typeof n !== "number" || n !== Math.floor(n) || n < 0 || n > 1000) return this.drop(path);
    }
    var out = { answered: value.answered, correct: value.correct, total: value.total };
    if (validDate(value.updated)) out.updated = value.updated;
    return out;
  };

  var ENTRY_KEYS = ["title", "minutes", "visited", "firstVisited", "read", "readAt", "reflection", "task", "answers", "v1quiz"];

  Checker.prototype.entry = function (value, path) {
    if (!isObject(value)) return this.drop(path);
    this.keys(value, path, ENTRY_KEYS);
    var out = {};
    if (own(value, "title")) {
      if (text(value.title, LIMIT.title)) out.title = value.title;
      else this.drop(path + ".title");
    }
    if (own(value, "minutes")) {
      var m = value.minutes;
      if (typeof m === "number" && m === Math.floor(m) && m >= 0 && m <= 1000) out.minutes = m;
      else this.drop(path + ".minutes");
    }
    var self = this;
    ["visited", "firstVisited"].forEach(function (key) {
      if (!own(value, key)) return;
      if (validDate(value[key])) out[key] = value[key];
      else self.drop(path + "." + key);
    });
    if (own(value, "read")) {
      if (value.read === null || validDate(value.read)) out.read = value.read;
      else this.drop(path + ".read");
    }
    if (own(value, "readAt")) {
      if (validTime(value.readAt)) out.readAt = value.readAt;
      else this.drop(path + ".readAt");
    }
    if (own(value, "reflection")) {
      var r = this.writing(value.reflection, path + ".reflection", false);
      if (r) out.reflection = r;
    }
    if (own(value, "task")) {
      var t = this.writing(value.task, path + ".task", true);
      if (t) out.task = t;
    }
    if (own(value, "answers")) {
      var a = this.answers(value.answers, path + ".answers");
      if (a) out.answers = a;
    }
    if (own(value, "v1quiz")) {
      var q = this.v1quiz(value.v1quiz, path + ".v1quiz");
      if (q) out.v1quiz = q;
    }
    return out;
  };

  Checker.prototype.record = function (value) {
    var out = { version: VERSION, name: "", modules: map() };
    this.keys(value, "record", ["version", "name", "nameAt", "exported", "modules"]);
    if (own(value, "name")) {
      if (text(value.name, LIMIT.name)) out.name = value.name;
      else this.drop("record.name");
    }
    if (own(value, "nameAt")) {
      if (validTime(value.nameAt)) out.nameAt = value.nameAt;
      else this.drop("record.nameAt");
    }
    if (own(value, "exported")) {
      if (validTime(value.exported)) out.exported = value.exported;
      else this.drop("record.exported");
    }
    var ids = Object.keys(value.modules);
    if (ids.length > LIMIT.modules) {
      this.drop("record.modules (too many)");
      ids = ids.slice(0, LIMIT.modules);
    }
    var self = this;
    ids.forEach(function (id) {
      if (!validId(id) || (self.known && self.known.indexOf(id) < 0)) return self.drop("record.modules." + id);
      var entry = self.entry(value.modules[id], "record.modules." + id);
      if (entry) out.modules[id] = entry;
      return undefined;
    });
    return out;
  };

  // ------------------------------------------------------------ version 1

  /** A version 1 record's local "YYYY-MM-DD HH:MM" as a UTC time, or undefined. */
  function localTime(value) {
    if (typeof value !== "string") return undefined;
    var m = value.match(/^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?$/);
    if (!m) return undefined;
    var d = new Date(m[1] + "T" + (m[2] || "12:00") + ":00");
    return isNaN(d) ? undefined : d.toISOString();
  }

  /** Version 1 kept a whole-quiz count and one reflection per module: reshape it as version 2. */
  function upgradeV1(data) {
    var out = { version: VERSION, name: data.name, modules: {} };
    Object.keys(data.modules).forEach(function (id) {
      var old = data.modules[id];
      if (!isObject(old)) {
        out.modules[id] = old; // the checker drops it and says so
        return;
      }
      var entry = {};
      ["title", "minutes", "visited"].forEach(function (k) {
        if (own(old, k)) entry[k] = old[k];
      });
      if (own(old, "read")) {
        entry.read = old.read;
        if (validDate(old.read)) entry.readAt = localTime(old.read);
      }
      if (isObject(old.reflection)) {
        entry.reflection = { text: old.reflection.text, updated: localTime(old.reflection.updated) };
      }
      if (isObject(old.quiz)) entry.v1quiz = old.quiz;
      out.modules[id] = entry;
    });
    return out;
  }

  /**
   * Check any parsed value against the schema: { record, dropped: [paths] }.
   * Throws an Error whose message is one sentence for the learner when the
   * value is not a learner record at all.
   */
  function check(data, knownIds) {
    if (!isObject(data) || !isObject(data.modules)) throw new Error("This file does not hold a learner record from this site.");
    var version = own(data, "version") ? data.version : 1;
    if (version === 1) data = upgradeV1(data);
    else if (version !== VERSION) {
      throw new Error(
        typeof version === "number" && version > VERSION
          ? "This record was made by a newer version of the site, so it cannot be read here."
          : "This file does not hold a learner record from this site."
      );
    }
    var checker = new Checker(knownIds);
    var record = checker.record(data);
    return { record: record, dropped: checker.dropped, upgraded: version === 1 };
  }

  /** Read a downloaded file's text: the PW-RECORD line of a .md or .txt, or a bare JSON record. */
  function parseFile(content, knownIds) {
    if (typeof content !== "string" || content.length > MAX_FILE) {
      throw new Error("This file is over 1 MB, so it cannot be a learner record from this site.");
    }
    var match = content.match(/^PW-RECORD (\{.*\})\s*$/m);
    var json = match ? match[1] : content.trim().charAt(0) === "{" ? content.trim() : null;
    if (json === null) throw new Error("This file does not hold a learner record from this site.");
    var data;
    try {
      data = JSON.parse(json);
    } catch (e) {
      throw new Error("This file's record is damaged, so it cannot be read.");
    }
    return check(data, knownIds);
  }

  // ------------------------------------------------------------ storage

  var storage = null;
  try {
    storage = window.localStorage;
  } catch (e) {
    storage = null;
  }

  function storageWorks() {
    if (!storage) return false;
    try {
      storage.setItem("__pw_probe__", "1");
      storage.removeItem("__pw_probe__");
      return true;
    } catch (e) {
      return false;
    }
  }

  var state = { canStore: storageWorks(), aside: null, locked: false, failed: null };
  var listeners = [];

  function emptyRecord() {
    return { version: VERSION, name: "", modules: map() };
  }

  /** Keep a record this page cannot read under another key, so nothing is deleted. */
  function setAside(raw) {
    var key = ASIDE + stamp();
    try {
      storage.setItem(key, raw);
      state.aside = key;
    } catch (e) {
      state.locked = true; // could not keep a copy: never overwrite the original
    }
  }

  function load() {
    if (!storage) return emptyRecord();
    var raw;
    try {
      raw = storage.getItem(KEY);
    } catch (e) {
      return emptyRecord();
    }
    if (raw === null) return emptyRecord();
    var checked;
    try {
      checked = check(JSON.parse(raw), null);
    } catch (e) {
      setAside(raw);
      if (!state.locked) {
        try {
          storage.removeItem(KEY);
        } catch (ignored) {
          /* nothing more to do */
        }
      }
      return emptyRecord();
    }
    if (checked.dropped.length) {
      setAside(raw);
      if (!state.locked) write(checked.record);
    }
    return checked.record;
  }

  function write(record) {
    storage.setItem(KEY, JSON.stringify(record));
  }

  /** Store the record; on failure tell every listener (the page shows it) and return false. */
  function save(record) {
    var error = null;
    if (!storage) error = new Error("no storage");
    else if (state.locked) error = new Error("locked");
    else {
      try {
        write(record);
        state.failed = null;
        return true;
      } catch (e) {
        error = e;
      }
    }
    state.failed = error;
    listeners.forEach(function (fn) {
      fn(error);
    });
    return false;
  }

  function update(id, change) {
    var record = load();
    var entry = record.modules[id] || {};
    change(entry, record);
    record.modules[id] = entry;
    return save(record);
  }

  function asideKeys() {
    if (!storage) return [];
    try {
      return Object.keys(storage).filter(function (k) {
        return k.indexOf(ASIDE) === 0;
      });
    } catch (e) {
      return [];
    }
  }

  // ------------------------------------------------------------ page helpers shared by the record's files

  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (content !== undefined) node.textContent = content; // text only, never markup
    return node;
  }

  function download(name, content, type) {
    var link = el("a", { href: URL.createObjectURL(new Blob([content], { type: type })), download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function words(value) {
    var m = (value || "").trim().match(/\S+/g);
    return m ? m.length : 0;
  }

  /**
   * A module entry's answers to the questions its page shows now, keyed by their ids.
   * ``ids`` are the page's question ids; ``was`` maps a question's old id to its
   * id now, so an answer saved before a question was renamed still counts. An
   * answer to a question the page no longer shows stays in the record but is
   * not counted. Without ``ids`` every answer counts.
   */
  function currentAnswers(entry, ids, was) {
    var answers = (entry && entry.answers) || {};
    if (!Array.isArray(ids)) return answers;
    var oldOf = map();
    Object.keys(was || {}).forEach(function (old) {
      oldOf[was[old]] = old;
    });
    var out = map();
    ids.forEach(function (qid) {
      if (own(answers, qid)) out[qid] = answers[qid];
      else if (oldOf[qid] && own(answers, oldOf[qid])) out[qid] = answers[oldOf[qid]];
    });
    return out;
  }

  /** First-try and current scores of a module entry: { first, tried, now, answered, total }. */
  function quizCounts(entry, total, ids, was) {
    var first = 0;
    var now = 0;
    var answered = 0;
    var tried = 0;
    var answers = currentAnswers(entry, ids, was);
    Object.keys(answers).forEach(function (qid) {
      tried += 1;
      if (answers[qid].first.correct) first += 1;
      if (answers[qid].now) {
        answered += 1;
        if (answers[qid].now.correct) now += 1;
      }
    });
    return { first: first, tried: tried, now: now, answered: answered, total: total };
  }

  window.PWRecord = {
    KEY: KEY,
    ASIDE: ASIDE,
    VERSION: VERSION,
    MAX_FILE: MAX_FILE,
    state: state,
    load: load,
    save: save,
    update: update,
    check: check,
    parseFile: parseFile,
    LIMIT: LIMIT,
    own: own,
    map: map,
    asideKeys: asideKeys,
    onSaveFailed: function (fn) {
      listeners.push(fn);
    },
    validId: validId,
    today: today,
    stamp: stamp,
    shown: shown,
    el: el,
    download: download,
    words: words,
    quizCounts: quizCounts,
    currentAnswers: currentAnswers,
    storage: function () {
      return storage;
    },
  };
})();
