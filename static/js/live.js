// Live parts of a page: re-fetch [data-live-url] every few seconds and swap it in.
// The server answers 304 while nothing changed (ETag), so polling is cheap.
(() => {
  const INTERVAL_MS = 3000;

  function offerCount(root) {
    const region = root.querySelector(".live-region");
    return region ? Number(region.dataset.offerCount || 0) : 0;
  }

  function toast(text) {
    // The region is in the page from the start (base.html), so the text is announced.
    const region = document.getElementById("toasts") || document.body;
    const note = document.createElement("p");
    note.className = "toast";
    note.textContent = text;
    region.appendChild(note);
    setTimeout(() => note.remove(), 5000);
  }

  function watch(root) {
    let etag = null;
    let busy = false;
    async function refresh() {
      if (busy || document.hidden) return;
      busy = true;
      try {
        const headers = { "X-Requested-With": "fetch" };
        if (etag) headers["If-None-Match"] = etag;
        const response = await fetch(root.dataset.liveUrl, { headers, credentials: "same-origin" });
        if (response.status === 200) {
          etag = response.headers.get("ETag");
          const before = offerCount(root);
          const html = await response.text();
          const template = document.createElement("template");
          template.innerHTML = html;
          root.replaceChildren(template.content);
          if (offerCount(root) > before && root.dataset.toast) toast(root.dataset.toast);
        } else if (response.status === 304) {
          etag = response.headers.get("ETag") || etag;
        }
      } catch (error) {
        // Offline for a moment: try again on the next tick.
      } finally {
        busy = false;
      }
    }
    setInterval(refresh, INTERVAL_MS);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-live-url]").forEach(watch);
  });
})();
