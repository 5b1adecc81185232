// The upload form shows only the fields of the chosen kind of data (worker list,
// membership extract or claims extract: a part may name several kinds, separated by
// spaces), and points the link to the Pemda's codes at the chosen Pemda.
// Without JavaScript every field stays visible; the server checks them either way.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.upload-form");
  if (!form) return;
  const kind = form.querySelector("[name=kind]");
  const showKind = () => {
    document.querySelectorAll("[data-kind]").forEach((part) => {
      part.hidden = !part.dataset.kind.split(" ").includes(kind.value);
    });
  };
  if (kind) {
    kind.addEventListener("change", showKind);
    showKind();
  }
  const pemda = form.querySelector("[name=pemda]");
  const codes = document.querySelector("[data-place-codes]");
  if (pemda && codes) {
    const pointCodes = () => {
      codes.hidden = !pemda.value;
      codes.querySelectorAll("a[data-template]").forEach((link) => {
        link.href = link.dataset.template.replace("KODE", pemda.value);
      });
    };
    pemda.addEventListener("change", pointCodes);
    pointCodes();
  }
});
