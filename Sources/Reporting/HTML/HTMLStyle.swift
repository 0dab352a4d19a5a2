/// The inline stylesheet and script of every HTML report (no external resources).
enum HTMLAssets {
  /// Restrained business style: dark text on white, one accent colour, system fonts, a single
  /// column that narrows on phones, and print rules that keep figures and tables whole.
  static let css = """
    :root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--soft:#f5f7fa;--accent:#0b4f8a;\
    --good:#1e7b34;--bad:#b42318}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;background:#fff;color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",\
    Roboto,Helvetica,Arial,sans-serif}
    .page{max-width:980px;margin:0 auto;padding:24px 20px 48px}
    header.top{border-bottom:3px solid var(--accent);padding-bottom:12px;margin-bottom:20px}
    .kind{margin:0;color:var(--accent);font-weight:600;text-transform:uppercase;letter-spacing:.06em;\
    font-size:12px}
    h1{font-size:28px;line-height:1.2;margin:4px 0 6px;font-weight:650}
    h2{font-size:20px;margin:32px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
    h3{font-size:16px;margin:20px 0 8px}
    .meta{margin:0;color:var(--muted);font-size:13px}
    .summary{font-size:17px;background:var(--soft);border-left:4px solid var(--accent);\
    padding:12px 16px;margin:0 0 20px}
    .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px;\
    margin:0 0 16px;padding:0;list-style:none}
    .figure{border:1px solid var(--line);border-radius:6px;padding:12px 14px;background:#fff}
    .figure .label{color:var(--muted);font-size:13px}
    .figure .value{font-size:26px;font-weight:650;font-variant-numeric:tabular-nums;line-height:1.25}
    .figure .delta{font-size:13px;color:var(--muted)}
    .delta.good{color:var(--good)} .delta.bad{color:var(--bad)}
    nav.toc{font-size:14px;color:var(--muted);margin:8px 0 0}
    nav.toc a{color:var(--accent);margin-right:12px;white-space:nowrap}
    p{margin:8px 0}
    .note{border:1px solid #f0c36d;background:#fff8e6;border-radius:4px;padding:8px 12px;margin:12px 0}
    figure.chart{margin:20px 0;padding:0;break-inside:avoid;page-break-inside:avoid;overflow-x:auto}
    figure.chart svg{display:block;width:100%;max-width:760px;height:auto}
    figcaption{font-weight:600;font-size:15px;margin:0 0 4px;max-width:760px}
    .table-wrap{overflow-x:auto;margin:12px 0;-webkit-overflow-scrolling:touch}
    table{border-collapse:collapse;font-size:14px;min-width:50%}
    caption{text-align:left;color:var(--muted);font-size:13px;padding-bottom:4px}
    th,td{border-bottom:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top}
    th{background:var(--soft);font-weight:600;white-space:nowrap}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    td{overflow-wrap:anywhere}
    table.sortable th{cursor:pointer}
    table.sortable th::after{content:" \\2195";color:#9aa5b1;font-size:11px}
    table.sortable th[aria-sort=ascending]::after{content:" \\2191";color:var(--accent)}
    table.sortable th[aria-sort=descending]::after{content:" \\2193";color:var(--accent)}
    dl.kv{display:grid;grid-template-columns:minmax(120px,max-content) 1fr;gap:4px 16px;margin:8px 0}
    dl.kv dt{color:var(--muted)} dl.kv dd{margin:0;overflow-wrap:anywhere}
    code,.hash{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;\
    overflow-wrap:anywhere}
    footer{margin-top:40px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);\
    padding-top:8px}
    @media (max-width:600px){
    .page{padding:16px 12px 32px} h1{font-size:22px} .summary{font-size:15px}
    .figures{grid-template-columns:1fr 1fr;gap:8px} .figure .value{font-size:20px}
    dl.kv{grid-template-columns:1fr} dl.kv dd{margin-bottom:6px}
    th,td{padding:5px 6px} figure.chart svg{min-width:480px}}
    @media print{
    @page{margin:16mm 14mm}
    body{font-size:11pt} .page{max-width:none;padding:0}
    nav.toc{display:none}
    h2{break-after:avoid;page-break-after:avoid}
    section.appendix{break-before:page;page-break-before:always}
    .figures,.figure,figure.chart,tr,.note{break-inside:avoid;page-break-inside:avoid}
    table.sortable th::after{content:""}
    .table-wrap,figure.chart{overflow:visible}
    figure.chart svg{max-width:140mm;min-width:0}
    .figures{grid-template-columns:repeat(4,1fr)}
    a{color:inherit;text-decoration:none}}
    """

  /// Click (or Enter) on a header of a `table.sortable` sorts its rows; numbers sort
  /// numerically. Runs locally, makes no request.
  static let sortScript = """
    (function(){function key(t){var s=t.replace(/[,%\\s]/g,"").replace(/^[A-Z]{3}/,"").replace("\\u2212","-");\
    var n=parseFloat(s);return isNaN(n)||!/^[-+]?[0-9.]+(e[-+]?[0-9]+)?$/i.test(s)?null:n}
    document.querySelectorAll("table.sortable").forEach(function(tb){var hs=tb.tHead.rows[0].cells;\
    Array.prototype.forEach.call(hs,function(th,i){th.tabIndex=0;function go(){\
    var asc=th.getAttribute("aria-sort")!=="ascending";Array.prototype.forEach.call(hs,function(h){\
    h.removeAttribute("aria-sort")});th.setAttribute("aria-sort",asc?"ascending":"descending");\
    var body=tb.tBodies[0],rows=Array.prototype.slice.call(body.rows);rows.sort(function(a,b){\
    var x=a.cells[i]?a.cells[i].textContent:"",y=b.cells[i]?b.cells[i].textContent:"";\
    var p=key(x),q=key(y),r=(p!==null&&q!==null)?p-q:x.localeCompare(y);return asc?r:-r});\
    rows.forEach(function(r){body.appendChild(r)})}
    th.addEventListener("click",go);th.addEventListener("keydown",function(e){\
    if(e.key==="Enter"||e.key===" "){e.preventDefault();go()}})})})})();
    """
}
