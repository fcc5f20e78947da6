// The studio in the browser: the form's advanced settings, likes without a reload, what a pitch used and cost as
// it is made, and a group's pitches (three takes, a comparison of models) filling in side by side.
// Every piece of model text goes in with textContent, never as HTML.
"use strict";

const STUDIO_POLL_MS = 400;
const CURRENCY_SIGNS = { USD: "$", EUR: "€", GBP: "£" };
const STOPPED = ["failed", "partial", "interrupted", "cancelled"];

// A cost as pages show it (the same as the `money` filter in views/studio.py).
function moneyWords(cost) {
  if (!cost) return "";
  const amount = Number(cost.amount);
  const decimals = amount >= 1 || amount <= 0 ? 2 : Math.max(2, 1 - Math.floor(Math.log10(amount)));
  const number = amount.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  const sign = CURRENCY_SIGNS[cost.currency];
  const shown = sign ? `${sign}${number}` : `${number} ${cost.currency}`;
  return cost.complete === false ? `at least ${shown}` : shown;
}

// What calls used, in a few words (the same as the `usage` filter in views/studio.py).
function usageWords(usage) {
  const u = usage || {};
  const count = (key) => Number(u[key] || 0);
  const tokensIn = count("input_tokens") + count("image_input_tokens");
  const tokensOut = count("output_tokens") + count("image_output_tokens");
  const parts = [];
  if (tokensIn || tokensOut) parts.push(`${tokensIn.toLocaleString("en-US")} tokens in`, `${tokensOut.toLocaleString("en-US")} out`);
  if (count("reasoning_tokens")) parts.push(`${count("reasoning_tokens").toLocaleString("en-US")} reasoning`);
  if (count("images")) parts.push(`${count("images")} image${count("images") === 1 ? "" : "s"}`);
  return parts.join(" · ");
}

// What the text steps used and cost (the same as `writing` in views/groups.py): what a comparison is about.
const TEXT_STEPS = ["reply", "synopsis", "title", "cast", "image_prompt"];
function writingTotals(doc) {
  const steps = doc.steps.filter((step) => TEXT_STEPS.includes(step.name) && Object.keys(step.usage || {}).length);
  const usage = {};
  ["input_tokens", "cached_input_tokens", "output_tokens", "reasoning_tokens"].forEach((key) => {
    usage[key] = steps.reduce((sum, step) => sum + Number(step.usage[key] || 0), 0);
  });
  const priced = steps.filter((step) => step.cost);
  const cost = priced.length ? {
    amount: priced.reduce((sum, step) => sum + step.cost.amount, 0), currency: priced[0].cost.currency,
    complete: priced.length === steps.length,
  } : null;
  return { usage, cost };
}

function studioParagraphs(container, text) {
  container.replaceChildren(...text.split(/\n\s*\n/).filter((p) => p.trim()).map((p) => {
    const para = document.createElement("p");
    para.textContent = p.trim();
    return para;
  }));
}

// The advanced section: each knob's number as it moves, the note when the chosen model ignores the knobs, and the
// fields that fit what is being made (the models to compare, or the one text model).
function setUpAdvanced() {
  const section = document.querySelector("[data-advanced]");
  if (!section) return;
  const models = JSON.parse(section.dataset.knobModels);
  const note = section.querySelector("[data-knob-note]");
  const select = section.querySelector("[data-text-model]");
  const kind = () => (section.querySelector("[data-kind]:checked") || { value: "one" }).value;

  section.querySelectorAll("input[type=range]").forEach((range) => {
    const output = section.querySelector(`output[for="${range.id}"]`);
    const show = () => { output.textContent = Number(range.value).toFixed(1); };
    range.addEventListener("input", show);
    show();
  });

  const update = () => {
    const making = kind();
    section.querySelectorAll("[data-when-kind]").forEach((part) => {
      part.hidden = !part.dataset.whenKind.split(" ").includes(making);
    });
    // The models the knobs go to: the ones compared, or the one text model.
    const chosen = making === "compare"
      ? [...section.querySelectorAll("input[name=models]:checked")].map((box) => box.value)
      : [select ? select.value : Object.keys(models)[0]];
    const notes = chosen.map((model) => models[model]).filter((facts) => facts && facts.note).map((facts) => facts.note);
    if (making === "takes" && chosen.some((model) => models[model] && !models[model].creativity)) {
      notes.push("Three takes need a text model that takes creativity.");
    }
    // Knobs no chosen model takes stay movable (the model may change) but look set aside.
    section.querySelector("[data-knobs]").classList.toggle("is-ignored", chosen.every((model) => models[model] && models[model].none));
    const text = notes.join(" ");
    if (note.textContent !== text) note.textContent = text;  // a live region: say it once
    note.hidden = !text;
  };
  section.addEventListener("change", update);
  update();
}

// The like button: the JSON API without a reload; the form it sits in posts the same when scripts are off.
function setUpLikes() {
  document.querySelectorAll("[data-like]").forEach((form) => {
    const button = form.querySelector("[data-like-button]");
    const count = form.querySelector("[data-like-count]");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const liked = button.getAttribute("aria-pressed") === "true";
      button.disabled = true;
      try {
        const response = await fetch(form.dataset.likeApi, {
          method: liked ? "DELETE" : "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: "{}",
          credentials: "same-origin",
        });
        const body = await response.json();
        if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
        button.setAttribute("aria-pressed", String(body.liked));
        form.querySelector("[data-like-label]").textContent = body.liked ? "Liked" : "Like";
        count.textContent = `${body.likes} ${body.likes === 1 ? "like" : "likes"}`;
      } catch (error) {
        count.textContent = `Your like could not be saved: ${error.message || "try again"}`;
      } finally {
        button.disabled = false;
      }
    });
  });
}

// The pitch page (moviepitch.js) says each time it draws a new status: keep what each step used and cost current.
function setUpPitchCosts() {
  const root = document.querySelector("[data-pitch]");
  if (!root) return;
  root.addEventListener("pitch:render", (event) => {
    const doc = event.detail;
    doc.steps.forEach((step) => {
      const line = root.querySelector(`[data-step="${step.name}"] [data-step-usage]`);
      if (!line) return;
      const words = [usageWords(step.usage), moneyWords(step.cost)].filter(Boolean).join(" · ");
      line.textContent = words;
      line.hidden = !words;
    });
    const total = root.querySelector("[data-pitch-cost]");
    if (!total) return;
    total.hidden = !usageWords(doc.usage);
    const amount = total.querySelector("[data-cost-amount]");
    if (amount) amount.textContent = moneyWords(doc.cost);
    total.querySelector("[data-cost-usage]").textContent = usageWords(doc.usage);
  });
}

// One pitch of a group: its column follows the pitch's status JSON until it is finished.
class Take {
  constructor(column, page) {
    this.column = column;
    this.page = page;
    this.url = column.dataset.statusUrl;
    this.etag = null;
    this.active = column.dataset.active === "true";
    this.status = null;
  }

  async poll() {
    let again = true;
    try {
      const response = await fetch(this.url, { headers: this.etag ? { "If-None-Match": this.etag } : {}, cache: "no-store" });
      if (response.status === 200) {
        this.etag = response.headers.get("ETag");
        const doc = await response.json();
        this.render(doc);
        this.active = doc.active;
        this.status = doc.status;
        again = doc.active;
      } else if (response.status !== 304) {
        again = response.status >= 500;
      }
    } catch (_) {
      setTimeout(() => this.poll(), STUDIO_POLL_MS * 5);
      return;
    }
    if (again) setTimeout(() => this.poll(), STUDIO_POLL_MS);
    else this.page.finished();
  }

  render(doc) {
    const column = this.column;
    const words = this.page.words;
    const find = (selector) => column.querySelector(selector);
    column.className = column.className.replace(/status-\w+/, `status-${doc.status}`);
    const running = words.doing.find(([name]) => doc.steps.some((s) => s.name === name && s.state === "running"));
    let status = words.status[doc.status];
    if (doc.status === "queued") status = words.waiting;
    else if (doc.active && running) status = running[1];
    const statusLine = find("[data-take-status]");
    if (statusLine.textContent !== status) statusLine.textContent = status;
    const progress = find("[data-take-progress]");
    progress.max = doc.progress.total;
    progress.value = doc.progress.finished;
    progress.textContent = `${doc.progress.finished} of ${doc.progress.total}`;
    progress.hidden = !doc.active;

    const missing = doc.missing || {};
    const title = find("[data-take-title]");
    if (doc.outputs.title || missing.title) title.textContent = doc.outputs.title || missing.title;
    title.classList.toggle("is-pending", !doc.outputs.title);
    const synopsis = find("[data-take-synopsis]");
    if (doc.outputs.synopsis) studioParagraphs(synopsis, doc.outputs.synopsis);
    else if (missing.synopsis) studioParagraphs(synopsis, missing.synopsis);
    synopsis.classList.toggle("is-writing", Boolean(doc.outputs.synopsis) && !doc.outputs.synopsis_complete);

    const poster = find("[data-take-poster]");
    if (doc.poster) {
      let img = poster.querySelector("img");
      if (!img) {
        img = document.createElement("img");
        img.width = 360;
        img.height = 540;
        poster.append(img);
      }
      if (img.getAttribute("src") !== doc.poster.thumb_url) img.src = doc.poster.thumb_url;
      img.alt = doc.poster.alt;
    }
    poster.classList.toggle("is-empty", !doc.poster);
    const notes = words.poster;
    const step = doc.steps.find((s) => s.name === "poster");
    let note = null;
    if (!doc.poster) {
      if (step && step.state === "running") note = notes.painting;
      else if (doc.active) note = notes.coming;
      else note = missing.poster || notes.none;
    }
    const noteLine = find("[data-take-poster-note]");
    noteLine.textContent = note || "";
    noteLine.hidden = !note;
    const failure = find("[data-take-failure]");
    failure.textContent = doc.failure || "";
    failure.hidden = !doc.failure;
    this.renderNumbers(doc);
  }

  // A comparison's numbers: the time, tokens and cost of the whole pitch and of each step.
  renderNumbers(doc) {
    const find = (selector) => this.column.querySelector(selector);
    const time = find("[data-take-time]");
    if (!time) return;
    const elapsed = !doc.active && doc.started_at && doc.finished_at
      ? (Date.parse(doc.finished_at) - Date.parse(doc.started_at)) / 1000 : null;
    time.textContent = elapsed === null ? "…" : `${elapsed.toFixed(1)} s`;
    const written = writingTotals(doc);
    find("[data-take-tokens]").textContent = usageWords(written.usage) || "–";
    const writingCost = find("[data-take-writing-cost]");
    if (writingCost) writingCost.textContent = moneyWords(written.cost) || (usageWords(written.usage) ? "no price set" : "–");
    const cost = find("[data-take-cost]");
    if (cost) cost.textContent = moneyWords(doc.cost) || (usageWords(doc.usage) ? "no price set" : "–");
    doc.steps.forEach((step) => {
      const row = find(`[data-take-steps] [data-step="${step.name}"]`);
      if (!row) return;
      const cell = (name) => row.querySelector(`[data-cell="${name}"]`);
      cell("time").textContent = step.elapsed !== null ? `${step.elapsed.toFixed(1)} s` : (step.state === "running" ? "…" : "–");
      const u = step.usage || {};
      const used = ["input_tokens", "output_tokens", "image_input_tokens", "image_output_tokens"]
        .reduce((sum, key) => sum + Number(u[key] || 0), 0);
      cell("tokens").textContent = used ? used.toLocaleString("en-US") : "–";
      if (cell("cost")) cell("cost").textContent = moneyWords(step.cost) || "–";
    });
  }
}

// A group's page: every pitch still being made fills in its own column.
class GroupPage {
  constructor(root) {
    this.root = root;
    this.words = JSON.parse(root.dataset.words);
    this.owner = root.dataset.owner === "true";
    this.takes = [...root.querySelectorAll("[data-take][data-status-url]")].map((column) => new Take(column, this));
    this.startedActive = this.takes.some((take) => take.active);
  }

  start() { this.takes.filter((take) => take.active).forEach((take) => take.poll()); }

  finished() {
    const active = this.takes.some((take) => take.active);
    this.root.querySelectorAll("[data-when-group=active]").forEach((part) => { part.hidden = !active; });
    // Once all are made, a pitch that stopped gives its owner a retry: let the server draw that afresh.
    const stopped = this.takes.some((take) => STOPPED.includes(take.status));
    if (!active && this.startedActive && this.owner && stopped) window.location.reload();
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setUpAdvanced();
  setUpLikes();
  setUpPitchCosts();
  const group = document.querySelector("[data-group]");
  if (group) new GroupPage(group).start();
});
