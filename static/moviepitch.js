// MoviePitch in the browser: the idea form's helpers, and the pitch page's live updates.
// Every piece of model text goes in with textContent, never as HTML.
"use strict";

const POLL_MS = 400;
// Which owner actions fit which status.
const WHEN = {
  active: ["queued", "running"],
  retryable: ["failed", "partial", "interrupted", "cancelled"],
  finished: ["done", "partial", "failed", "cancelled"],
};

function $(root, selector) { return root.querySelector(selector); }

// The idea form: sample ideas, a character counter, and Enter to send (an idea is one line).
function setUpIdeaForm() {
  const field = document.getElementById("idea");
  if (!field) return;
  const counter = document.querySelector("[data-counter]");
  const count = () => { if (counter) counter.textContent = `${field.value.trim().length} / ${field.maxLength}`; };
  field.addEventListener("input", count);
  field.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      field.form.requestSubmit();
    }
  });
  document.querySelectorAll("[data-sample]").forEach((button) => {
    button.addEventListener("click", () => { field.value = button.dataset.sample; count(); field.focus(); });
  });
  count();
}

function setUpCopyLink() {
  const button = document.querySelector("[data-copy]");
  if (!button) return;
  const link = document.querySelector("[data-permalink]");
  const feedback = document.querySelector("[data-copy-feedback]");
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(link.value);
    } catch (_) {
      // Clipboard API refused (plain http, old browser): select the text the old way.
      link.select();
      document.execCommand("copy");
    }
    feedback.textContent = "Copied!";
    setTimeout(() => { feedback.textContent = ""; }, 2500);
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
    this.etag = null;
    this.skewMs = 0;  // server clock minus ours, from the Date header
    this.doc = null;
    this.startedActive = root.dataset.active === "true";
  }

  start() {
    if (this.root.dataset.active === "true") this.poll();
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
    $(root, "[data-status-badge]").textContent = doc.status;
    root.querySelectorAll("[data-when]").forEach((group) => {
      group.hidden = !WHEN[group.dataset.when].includes(doc.status);
    });
    // When a pitch finishes, its owner's choices (new versions, retries) depend on how it
    // ended: let the server draw them afresh.
    if (!doc.active && this.startedActive && $(root, ".owner-actions")) {
      window.location.reload();
      return;
    }

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

    const progress = $(root, "[data-progress]");
    progress.value = doc.progress.finished;
    progress.textContent = `${doc.progress.finished} of ${doc.progress.total}`;
    doc.steps.forEach((step) => this.renderStep(step));
    this.renderPoster(doc);
  }

  renderStep(step) {
    const item = $(this.root, `[data-step="${step.name}"]`);
    if (!item) return;
    item.className = `step state-${step.state}`;
    item.dataset.started = step.started_at || "";
    $(item, ".step-state").textContent = step.state;
    $(item, ".step-time").textContent = step.elapsed === null ? "" : seconds(step.elapsed);
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
    const posterStep = doc.steps.find((step) => step.name === "poster");
    if (doc.poster) {
      const partial = $(frame, "img.is-preview");
      if (partial) partial.remove();
      placeholder.classList.remove("over-preview");
      let img = $(frame, "img");
      if (!img) {
        img = document.createElement("img");
        frame.prepend(img);
      }
      if (img.getAttribute("src") !== doc.poster.url) {
        img.src = doc.poster.url;
        img.width = doc.poster.width;
        img.height = doc.poster.height;
      }
      img.alt = `Poster: ${doc.outputs.image_prompt || doc.outputs.title || "movie poster"}`;
      frame.classList.remove("is-empty");
      placeholder.hidden = true;
      label.textContent = doc.poster.label || "";
      label.hidden = !doc.poster.label;
    } else if (doc.preview) {
      // The poster sharpening: each partial image replaces the last.
      let img = $(frame, "img.is-preview");
      if (!img) {
        img = document.createElement("img");
        img.className = "is-preview";
        img.alt = "The poster, partly painted";
        frame.prepend(img);
      }
      if (img.getAttribute("src") !== doc.preview.url) img.src = doc.preview.url;
      placeholder.classList.add("over-preview");
      $(placeholder, "[data-poster-state]").textContent = "Painting the poster…";
    } else {
      const state = $(placeholder, "[data-poster-state]");
      if (posterStep && posterStep.state === "running") state.textContent = "Painting the poster…";
      else if (doc.active) state.textContent = "The poster comes last.";
      else state.textContent = (doc.missing || {}).poster || "No poster for this pitch.";
    }
  }

  // Running steps show their time ticking, measured on the server's clock.
  tick() {
    this.root.querySelectorAll(".step.state-running").forEach((item) => {
      const started = Date.parse(item.dataset.started);
      if (Number.isNaN(started)) return;
      const elapsed = Math.max(0, (Date.now() + this.skewMs - started) / 1000);
      $(item, ".step-time").textContent = seconds(elapsed);
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setUpIdeaForm();
  setUpCopyLink();
  setUpNativeShare();
  const root = document.querySelector("[data-pitch]");
  if (root) new PitchPage(root).start();
});
