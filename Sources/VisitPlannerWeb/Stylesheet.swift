/// The one stylesheet and the one script. The stylesheet: system fonts (nothing fetched), contrast of at least 4.5:1, a visible
/// keyboard focus, and a print layout without navigation or forms.
enum Stylesheet {
    static let css = """
        :root { color: #1a1a1a; background: #ffffff; font-family: system-ui, sans-serif; line-height: 1.45; }
        body { margin: 0; }
        header { background: #0b3d6b; color: #ffffff; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
        header a, header .brand { color: #ffffff; }
        .brand { font-weight: bold; margin: 0; }
        nav ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
        nav a[aria-current="page"] { text-decoration-thickness: 3px; }
        .logout { margin-left: auto; }
        main { padding: 1rem; max-width: 72rem; }
        .skip { position: absolute; left: -10000px; }
        .skip:focus { left: 1rem; top: 1rem; background: #ffffff; color: #0b3d6b; padding: 0.5rem; }
        a { color: #0b4f8a; }
        :focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.25rem; }
        th, td { border: 1px solid #8a8a8a; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        .over { color: #a40000; font-weight: bold; }
        .card { border: 1px solid #8a8a8a; padding: 0.5rem 1rem; margin: 0.5rem 0; max-width: 36rem; }
        label { display: block; font-weight: 600; }
        input, textarea, button { font: inherit; }
        button { background: #0b3d6b; color: #ffffff; border: 0; padding: 0.4rem 0.9rem; cursor: pointer; }
        .notice { background: #e6f2e6; border-left: 4px solid #1e6b1e; padding: 0.5rem; }
        .error { background: #fbe9e9; border-left: 4px solid #a40000; padding: 0.5rem; }
        .hint { color: #444444; }
        .field-error, .cell-error { display: block; color: #a40000; font-weight: 600; }
        tr.bad { background: #fbe9e9; }
        form.inline { display: inline; }
        .card.wide { max-width: 60rem; }
        textarea { max-width: 100%; }
        figure img { max-width: 100%; height: auto; }
        select { font: inherit; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
        dl.facts dt { font-weight: 600; }
        @media print {
          header, nav, form, .skip, script { display: none; }
          main { max-width: none; padding: 0; }
          a { color: #000000; text-decoration: none; }
          th, td { border-color: #000000; }
        }
        """

    /// The script of the plan and scenarios pages: polls the status fragment (the box's
    /// `data-status`) while a run is busy, then reloads
    /// the page to list the new plan. The page works without it (reload by hand).
    static let planScript = """
        (function () {
          var box = document.getElementById("job");
          if (!box || !box.querySelector("[data-running]")) return;
          var timer = setInterval(function () {
            fetch(box.getAttribute("data-status") || "/plan/status", { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
              box.innerHTML = html;
              if (!box.querySelector("[data-running]")) { clearInterval(timer); location.reload(); }
            });
          }, 2000);
        })();
        """
}
