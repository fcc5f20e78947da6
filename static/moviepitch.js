// MoviePitch in the browser: the idea form's helpers, copy buttons, and the pitch page's live updates.
// Every piece of model text goes in with textContent, never as HTML.
"use strict";

const POLL_MS = 400;

function $(root, selector) { return root.querySelector(selector); }

// An idea as the server will count it: whitespace folded to single spaces, in code points.
function ideaLength(value) { return [...value.split(/\s+/).filter(Boolean).join(" ")].length; }

// The idea form: a live character count, a clear word when the idea is too long (pasted or
// typed: nothing is ever cut), sample ideas, and Enter to send (an idea is one line).
function setUpIdeaForm() {
  const field = document.getElementById("idea");
  if (!field) return;
  const max = Number(field.dataset.max);
  const counter = document.querySelector("[data-counter]");
  const error = document.querySelector("[data-idea-error]");
  let pasted = false;  // the idea grew past the limit by a paste, and is still too long

  const update = () => {
    const length = ideaLength(field.value);
    counter.textContent = `${length} / ${max}`;
    counter.classList.toggle("is-over", length > max);
    if (length > max) {
      // Worded the same at every keystroke, so a screen reader says it once; the count shows how far over.
      const text = pasted
        ? `The idea you pasted is longer than the ${max} characters a pitch takes. Nothing was cut: shorten it to send it.`
        : `That is longer than the ${max} characters a pitch takes: shorten it to send it.`;
      if (error.textContent !== text) error.textContent = text;
      error.hidden = false;
      field.setAttribute("aria-invalid", "true");
    } else {
      // It fits: whatever was wrong with it, here or on the server, is past once it is edited.
      pasted = false;
      error.textContent = "";
      error.hidden = true;
      field.removeAttribute("aria-invalid");
    }
  };
  field.addEventListener("input", (event) => {
    if (event.inputType === "insertFromPaste") pasted = ideaLength(field.value) > max;
    update();
  });
  field.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      field.form.requestSubmit();
    }
  });
  field.form.addEventListener("submit", (event) => {
    if (ideaLength(field.value) > max) {
      event.preventDefault();  // the message beside the field already says why
      field.focus();
    }
  });
  document.querySelectorAll("[data-sample]").forEach((button) => {
    button.addEventListener("click", () => { field.value = button.dataset.sample; update(); field.focus(); });
  });
  // On load, only count: a message the server sent stays until the idea is edited.
  counter.textContent = `${ideaLength(field.value)} / ${max}`;
  counter.classList.toggle("is-over", ideaLength(field.value) > max);
}

// Every [data-copy="id"] button copies the text of the element with that id.
function setUpCopyButtons() {
  document.querySelectorAll("[data-copy]").forEach((button) => {
    const source = document.getElementById(button.dataset.copy);
    const feedback = $(button.parentElement, "[data-copy-feedback]");
    button.addEventListener("click", async () => {
      const text = "value" in source ? source.value : source.textContent.trim();
      try {
        await navigator.clipboard.writeText(text);
      } catch (_) {
        // Clipboard API refused (plain http, old browser): select the text for the person to copy.
        const range = document.createRange();
        if ("select" in source) source.select();
        else { range.selectNodeContents(source); getSelection().removeAllRanges(); getSelection().addRange(range); }
        document.execCommand("copy");
      }
      feedback.textContent = "Copied!";
      setTimeout(() => { feedback.textContent = ""; }, 2500);
    });
  });
}

// The Web Share API, where the browser has it (phones, mostly).
function setUpNativeShare() {
  const button = document.querySelector("[data-native-share]");
  if (!button || !navigator.share) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    const url = document.querySelector("[data-permalink]").value;
    navigator.share({ title: button.dataset.shareTitle, text: button.dataset.shareText, url }).catch(() => {});
  });
}

// A fresh edit link was asked for (the page opened at #edit-link): unfold it.
function setUpSecret() {
  const secret = document.querySelector("[data-secret]");
  if (secret && window.location.hash === "#edit-link") secret.open = true;
}

function paragraphs(container, text) {
  container.replaceChildren(...text.split(/\n\s*\n/).filter((p) => p.trim()).map((p) => {
    const para = document.createElement("p");
    para.textContent = p.trim();
    return para;
  }));
}

function seconds(value) { return `${value.toFixed(1)} s`; }

class PitchPage {
  constructor(root) {
    this.root = root;
    this.url = root.dataset.statusUrl;
    this.owner = root.dataset.owner === "true";
    this.words = JSON.parse(root.dataset.words);
    this.etag = null;
    this.skewMs = 0;  // server clock minus ours, from the Date header
    this.doc = null;
    this.startedActive = root.dataset.active === "true";
    this.clocks = new Map();  // element -> when its step started (server time)
  }

  start() {
    if (this.startedActive) this.poll();
    setInterval(() => this.tick(), 200);
  }

  async poll() {
    let again = true;
    try {
      const headers = this.etag ? { "If-None-Match": this.etag } : {};
      const response = await fetch(this.url, { headers, cache: "no-store" });
      const date = Date.parse(response.headers.get("Date"));
      if (!Number.isNaN(date)) this.skewMs = date - Date.now();
      if (response.status === 200) {
        this.etag = response.headers.get("ETag");
        this.render(await response.json());
        again = this.doc.active;
      } else if (response.status !== 304) {
        again = response.status >= 500;  // a 404 will not get better
      }
    } catch (_) {
      // Offline for a moment: keep trying, a little slower.
      setTimeout(() => this.poll(), POLL_MS * 5);
      return;
    }
    if (again) setTimeout(() => this.poll(), POLL_MS);
  }

  render(doc) {
    this.doc = doc;
    const root = this.root;
    const out = doc.outputs;
    root.className = root.className.replace(/status-\w+/, `status-${doc.status}`);
    root.querySelectorAll("[data-when]").forEach((group) => {
      group.hidden = !this.words.when[group.dataset.when].includes(doc.status);
    });
    // When a pitch finishes, its owner's choices (new versions, retries) depend on how it
    // ended: let the server draw them afresh.
    if (!doc.active && this.startedActive && this.owner) {
      window.location.reload();
      return;
    }
    this.renderMaking(doc);

    const badge = $(root, "[data-status-badge]");
    badge.textContent = this.words.status[doc.status];
    badge.hidden = doc.active || (!this.owner && doc.status === "done");

    // Once the pitch is no longer being made, a part that did not come says why, in place of its placeholder.
    const missing = doc.missing || {};
    const reply = $(root, "[data-reply]");
    if (out.reply || missing.reply) {
      const cut = (doc.drafts || []).includes("reply") ? "…" : "";
      $(reply, "p").textContent = out.reply ? out.reply + cut : missing.reply;
      reply.classList.toggle("is-missing", !out.reply);
      reply.hidden = false;
    }

    const heading = $(root, "[data-title]");
    if (out.title) {
      heading.textContent = out.title;
      heading.classList.remove("is-pending", "is-missing");
      document.title = `${out.title} · MoviePitch`;
    } else if (missing.title) {
      heading.textContent = missing.title;
      heading.classList.add("is-missing");
    }

    const failure = $(root, "[data-failure]");
    failure.textContent = doc.failure || "";
    failure.hidden = !doc.failure;

    if (out.cast.length) {
      $(root, "[data-cast]").replaceChildren(...out.cast.map((member) => {
        const item = document.createElement("li");
        const character = document.createElement("span");
        const actor = document.createElement("span");
        character.className = "character";
        actor.className = "actor";
        character.textContent = member.character;
        actor.textContent = member.actor;
        item.append(character, " ", actor);
        return item;
      }));
    } else if (missing.cast) {
      const item = document.createElement("li");
      item.className = "muted";
      item.textContent = missing.cast;
      $(root, "[data-cast]").replaceChildren(item);
    }

    const synopsis = $(root, "[data-synopsis]");
    const draft = (doc.drafts || []).includes("synopsis");
    if (out.synopsis) paragraphs(synopsis, out.synopsis);
    else if (missing.synopsis) paragraphs(synopsis, missing.synopsis);
    synopsis.classList.toggle("is-writing", Boolean(out.synopsis) && !out.synopsis_complete && !draft);
    $(root, "[data-draft-label]").hidden = !draft;

    doc.steps.forEach((step) => this.renderStep(step));
    this.renderPoster(doc);
    // Other parts of the page (static/studio.js) follow the same status.
    root.dispatchEvent(new CustomEvent("pitch:render", { detail: doc }));
  }

  // The one-line summary kept in view while the pitch is made.
  renderMaking(doc) {
    const bar = $(this.root, "[data-making]");
    bar.hidden = !doc.active;
    const running = this.words.doing.find(([name]) => doc.steps.some((s) => s.name === name && s.state === "running"));
    const shown = { poster: doc.poster, title: doc.outputs.title };
    const now = $(bar, "[data-making-now]");
    let text = doc.status === "queued" ? this.words.waiting : now.textContent;
    if (running) text = running[2] && shown[running[0]] ? running[2] : running[1];
    if (now.textContent !== text) now.textContent = text;  // a live region: say each step once
    const progress = $(bar, "[data-progress]");
    progress.max = doc.progress.total;
    progress.value = doc.progress.finished;
    progress.textContent = `${doc.progress.finished} of ${doc.progress.total}`;
    $(bar, "[data-making-count]").textContent = `${doc.progress.finished} of ${doc.progress.total}`;
    const step = running && doc.steps.find((s) => s.name === running[0]);
    this.clock($(bar, "[data-making-time]"), step ? step.started_at : null, false);
    const count = $(this.root, "[data-steps-count]");
    if (count) count.textContent = `${doc.progress.finished} of ${doc.progress.total} steps`;
  }

  renderStep(step) {
    // A part being made again looks busy where it stands (the poster has its own overlay).
    const part = $(this.root, `[data-part="${step.name}"]`);
    if (part) part.classList.toggle("is-working", step.state === "running");
    const item = $(this.root, `[data-step="${step.name}"]`);
    if (!item) return;  // the making-of is the owner's
    item.className = `step state-${step.state}`;
    $(item, ".step-state").textContent = step.state;
    const time = $(item, ".step-time");
    if (step.state === "running") this.clock(time, step.started_at, true);
    else {
      this.clock(time, null);
      time.textContent = step.elapsed === null ? "" : seconds(step.elapsed);
    }
    this.renderRemark(item, "step-error", step.error);
    this.renderRemark(item, "step-note", step.note);
  }

  // A step's error (why it failed) or note (an idea that went unchecked), added when there is one.
  renderRemark(item, className, text) {
    let remark = $(item, `.${className}`);
    if (text && !remark) {
      remark = document.createElement("p");
      remark.className = className;
      item.append(remark);
    }
    if (remark) remark.textContent = text || "";
  }

  renderPoster(doc) {
    const frame = $(this.root, "[data-poster]");
    const placeholder = $(frame, "[data-poster-placeholder]");
    const label = $(frame, "[data-poster-label]");
    const notes = this.words.poster;
    const step = doc.steps.find((s) => s.name === "poster");
    const state = step ? step.state : null;
    if (doc.poster) {
      let img = $(frame, "img.poster-image");
      if (!img) {
        img = document.createElement("img");
        img.className = "poster-image";
        frame.prepend(img);
      }
      if (img.getAttribute("src") !== doc.poster.url) {
        img.src = doc.poster.url;
        img.width = doc.poster.width;
        img.height = doc.poster.height;
      }
      img.alt = doc.poster.alt;
      label.textContent = doc.poster.label || "";
      label.hidden = !doc.poster.label;
    }
    // The new poster sharpening, over the old one if there is one: each partial image replaces the last.
    let preview = $(frame, "img.is-preview");
    if (doc.preview && state === "running") {
      if (!preview) {
        preview = document.createElement("img");
        preview.className = "is-preview";
        preview.alt = "The new poster, partly painted";
        frame.insertBefore(preview, placeholder);
      }
      if (preview.getAttribute("src") !== doc.preview.url) preview.src = doc.preview.url;
    } else if (preview) {
      preview.remove();
      preview = null;
    }
    frame.classList.toggle("is-empty", !doc.poster && !preview);
    frame.classList.toggle("has-preview", Boolean(preview));

    let note = null;
    if (state === "running") note = doc.poster ? notes.repainting : notes.painting;
    else if (doc.active && (state === "waiting" || !doc.poster)) note = doc.poster ? notes.coming_again : notes.coming;
    else if (!doc.poster) note = (doc.missing || {}).poster || notes.none;
    placeholder.hidden = !note;
    $(placeholder, "[data-poster-state]").textContent = note || "";
    this.clock($(placeholder, "[data-poster-time]"), state === "running" ? step.started_at : null, false);
  }

  // Ticking times: `element` counts up from `startedAt` (server time), or stops and clears when null.
  clock(element, startedAt, tenths) {
    if (!startedAt) {
      if (this.clocks.delete(element) && !tenths) element.textContent = "";
      return;
    }
    this.clocks.set(element, { started: Date.parse(startedAt), tenths });
    this.tickOne(element);
  }

  tickOne(element) {
    const { started, tenths } = this.clocks.get(element);
    if (Number.isNaN(started)) return;
    const elapsed = Math.max(0, (Date.now() + this.skewMs - started) / 1000);
    // Whole seconds where there is little room, shown from the first one on.
    element.textContent = tenths ? seconds(elapsed) : (elapsed >= 1 ? `${Math.floor(elapsed)} s` : "");
  }

  tick() { this.clocks.forEach((_, element) => this.tickOne(element)); }
}

// The pitch meeting (owners only): a message is sent without leaving the page, and the boss's reply shows as it
// is written, polling the meeting's JSON (with its ETag) while a turn is busy; once the answer is whole, the
// server draws it afresh, proposal cards and all. A sentence selected in the synopsis can be talked over alone.
const MEETING_POLL_MS = 200;

class MeetingPanel {
  constructor(root) {
    this.root = root;
    this.url = root.dataset.meetingUrl;
    this.sendUrl = root.dataset.sendUrl;
    this.panel = $(root, "[data-meeting-panel]");
    this.log = $(root, "[data-meeting-log]");
    this.form = $(root, "[data-meeting-form]");
    this.field = $(this.form, "textarea");
    this.max = Number(this.field.dataset.max);
    this.error = $(this.form, "[data-meeting-error]");
    this.counter = $(this.form, "[data-meeting-counter]");
    this.passage = $(this.form, "[data-meeting-passage]");
    this.about = $(this.form, "[data-meeting-about]");
    this.etag = null;
    this.answer = null;  // the list item of the reply being written
  }

  start() {
    this.form.addEventListener("submit", (event) => this.send(event));
    this.field.addEventListener("input", () => this.count());
    this.field.addEventListener("keydown", (event) => {
      // Enter sends, as in any chat; Shift+Enter starts a new line.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.form.requestSubmit();
      }
    });
    $(this.form, "[data-meeting-about-clear]").addEventListener("click", () => this.aboutPassage(""));
    if (/^#(meeting|message-)/.test(window.location.hash)) this.panel.open = true;
    if (this.root.dataset.busy === "true") {
      this.answer = this.log.lastElementChild;
      this.poll();
    }
    this.count();
  }

  count() {
    const length = [...this.field.value.trim()].length;
    this.counter.textContent = `${length} / ${this.max}`;
    this.counter.classList.toggle("is-over", length > this.max);
  }

  problem(text) {
    this.error.textContent = text || "";
    this.error.hidden = !text;
    if (text) this.field.setAttribute("aria-invalid", "true");
    else this.field.removeAttribute("aria-invalid");
  }

  // Talk about one passage of the synopsis (or, with "", about the whole pitch again).
  aboutPassage(text) {
    this.passage.value = text;
    $(this.about, "[data-meeting-about-text]").textContent = text;
    this.about.hidden = !text;
    this.field.placeholder = text ? "How should this passage change?" : "";
    if (text) {
      this.panel.open = true;
      const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      this.about.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "center" });
      this.field.focus({ preventScroll: true });
    }
  }

  async send(event) {
    event.preventDefault();
    const text = this.field.value.trim();
    if (!text) return this.problem("Type a message to the Movie Boss first.");
    if ([...text].length > this.max) return this.problem(`Keep it to ${this.max} characters.`);
    const alternatives = Number((event.submitter && event.submitter.value) || 1);
    const buttons = this.form.querySelectorAll("button[type=submit]");
    buttons.forEach((button) => { button.disabled = true; });
    try {
      const response = await fetch(this.sendUrl, {
        method: "POST", cache: "no-store", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message: text, passage: this.passage.value || null, alternatives }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.status !== 202) {
        const error = body.error || {};
        const fields = error.fields || {};
        this.problem((fields.message || fields.passage || fields.alternatives || [error.message || "That did not work. Try again."])[0]);
        buttons.forEach((button) => { button.disabled = false; });
        return;
      }
      this.problem("");
      this.field.value = "";
      this.aboutPassage("");
      this.count();
      this.log.append(this.item(body.message), this.item(body.answer));
      this.answer = this.log.lastElementChild;
      this.answer.scrollIntoView({ behavior: "smooth", block: "nearest" });
      this.poll();
    } catch (_) {
      this.problem("The message could not be sent: check your connection and try again.");
      buttons.forEach((button) => { button.disabled = false; });
    }
  }

  // A message as the page draws it, until the server draws the finished answer.
  item(message) {
    const boss = message.role === "assistant";
    const item = document.createElement("li");
    item.className = `meeting-message ${boss ? "from-boss" : "from-owner"} state-${message.state}`;
    item.id = `message-${message.id}`;
    const who = document.createElement("p");
    who.className = "meeting-who";
    who.textContent = boss ? "The Movie Boss" : "You";
    item.append(who);
    if (message.passage) {
      const passage = document.createElement("blockquote");
      passage.className = "meeting-passage";
      passage.textContent = message.passage;
      item.append(passage);
    }
    const words = document.createElement("p");
    words.className = `meeting-words${boss ? " is-writing" : ""}`;
    words.dataset.words = "";
    words.textContent = message.content || (boss ? "The Movie Boss is thinking…" : "");
    item.append(words);
    return item;
  }

  async poll() {
    let again = true;
    try {
      const headers = this.etag ? { "If-None-Match": this.etag } : {};
      const response = await fetch(this.url, { headers, cache: "no-store" });
      if (response.status === 200) {
        this.etag = response.headers.get("ETag");
        const doc = await response.json();
        const last = doc.messages[doc.messages.length - 1];
        if (!doc.busy) {
          // The answer is whole: let the server draw it, with its proposal cards.
          window.location.hash = last ? `message-${last.id}` : "meeting";
          window.location.reload();
          return;
        }
        if (this.answer && last && last.content) {
          $(this.answer, "[data-words]").textContent = last.content;
        }
      } else if (response.status !== 304) {
        again = response.status >= 500;
      }
    } catch (_) {
      setTimeout(() => this.poll(), MEETING_POLL_MS * 10);
      return;
    }
    if (again) setTimeout(() => this.poll(), MEETING_POLL_MS);
  }
}

// The sentences a selection touches, when it lies within one paragraph (as the server will read it); the
// selected words themselves otherwise.
function wholeSentences(range) {
  const words = range.toString().replace(/\s+/g, " ").trim();
  const node = range.startContainer;
  if (node !== range.endContainer || node.nodeType !== Node.TEXT_NODE) return words;
  const text = node.textContent;
  let from = 0;
  for (const end of text.slice(0, range.startOffset).matchAll(/[.!?…]+["'”’)\]]*\s+/g)) from = end.index + end[0].length;
  const after = /[.!?…]+["'”’)\]]*(?=\s|$)/g;
  after.lastIndex = Math.max(range.endOffset - 1, from);
  const stop = after.exec(text);
  return text.slice(from, stop ? stop.index + stop[0].length : text.length).replace(/\s+/g, " ").trim();
}

// Selecting words of the synopsis offers "Change this", which starts a meeting turn about those sentences.
function setUpPassageBar(meeting) {
  const synopsis = document.querySelector("[data-synopsis]");
  const bar = document.querySelector("[data-passage-bar]");
  if (!synopsis || !bar) return;
  let chosen = "";
  document.addEventListener("selectionchange", () => {
    const selection = document.getSelection();
    // A collapsed selection (the click on "Change this" makes one) keeps the bar as it was.
    if (!selection.rangeCount || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    const inside = synopsis.contains(range.commonAncestorContainer);
    chosen = inside ? wholeSentences(range) : "";
    $(bar, "[data-passage-text]").textContent = chosen.length > 160 ? `${chosen.slice(0, 157)}…` : chosen;
    bar.hidden = !chosen;
  });
  $(bar, "[data-passage-change]").addEventListener("click", () => {
    if (!chosen) return;
    meeting.aboutPassage(chosen);
    bar.hidden = true;
  });
}

// Each list of versions becomes a stepper: one version at a time, older and newer a click away.
function setUpSteppers() {
  document.querySelectorAll("[data-stepper]").forEach((section) => {
    const items = [...$(section, "[data-stepper-list]").children];
    let index = Math.max(0, items.findIndex((item) => item.hasAttribute("data-current")));
    const nav = document.createElement("div");
    nav.className = "stepper-nav";
    const older = document.createElement("button");
    const newer = document.createElement("button");
    const where = document.createElement("span");
    older.type = newer.type = "button";
    older.className = newer.className = "button button-small";
    older.textContent = "‹ Older";
    newer.textContent = "Newer ›";
    where.className = "stepper-where";
    where.setAttribute("aria-live", "polite");
    nav.append(older, where, newer);
    $(section, "[data-stepper-list]").before(nav);
    const show = (to) => {
      index = to;
      items.forEach((item, i) => { item.hidden = i !== index; });
      where.textContent = `Version ${items[index].dataset.version} of ${items.length}`;
      older.disabled = index === 0;
      newer.disabled = index === items.length - 1;
    };
    older.addEventListener("click", () => show(index - 1));
    newer.addEventListener("click", () => show(index + 1));
    show(index);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setUpIdeaForm();
  setUpCopyButtons();
  setUpNativeShare();
  setUpSecret();
  const root = document.querySelector("[data-pitch]");
  if (root) new PitchPage(root).start();
  const meetingRoot = document.querySelector("[data-meeting]");
  if (meetingRoot) {
    const meeting = new MeetingPanel(meetingRoot);
    meeting.start();
    setUpPassageBar(meeting);
  }
  setUpSteppers();
});
