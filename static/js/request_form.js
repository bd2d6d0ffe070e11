// The request form reads a pasted product address before posting: it shows the product,
// its listed price and the currency the price field is in, or why the address cannot be
// asked about. Without JavaScript the server says the same after posting.
(() => {
  document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector("form[data-preview-url]");
    if (!form) return;
    const url = form.querySelector("input[name=url]");
    const hint = document.getElementById("product-preview");
    const priceLabel = form.querySelector("label[for=target_price]");
    const plainLabel = priceLabel ? priceLabel.textContent : "";
    let asked = "";

    async function look() {
      const address = url.value.trim();
      if (!address || address === asked) return;
      asked = address;
      hint.textContent = form.dataset.reading;
      hint.className = "hint";
      const body = new FormData();
      body.append("url", address);
      body.append("csrf_token", form.querySelector("input[name=csrf_token]").value);
      try {
        const response = await fetch(form.dataset.previewUrl, {
          method: "POST", body, credentials: "same-origin", headers: { "X-Requested-With": "fetch" },
        });
        if (!response.ok || address !== asked) return;
        const found = await response.json();
        if (found.refusal) {
          hint.textContent = found.refusal;
          hint.className = "field-error";
        } else if (found.title || found.listed) {
          hint.textContent = [found.title, found.listed && form.dataset.listed.replace("%s", found.listed)]
            .filter(Boolean).join(" · ");
          hint.className = "hint";
        } else {
          hint.textContent = "";
        }
        if (priceLabel) {
          priceLabel.textContent = found.currency ? `${plainLabel} (${found.currency})` : plainLabel;
        }
      } catch (error) {
        hint.textContent = "";  // offline for a moment: the server checks after posting
      }
    }

    url.addEventListener("change", look);
    url.addEventListener("paste", () => setTimeout(look, 0));
  });
})();
