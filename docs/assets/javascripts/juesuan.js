/* juesuan site script: charts, sortable tables, sector filter.
 * Charts: each .jc-chart holds a host div and its Vega-Lite spec as JSON. The vega,
 * vega-lite and vega-embed files are loaded from this site (assets/vendor/) only on
 * pages that have a chart. Hooked to Material's document$ so it also runs after
 * instant navigation. No request leaves the site. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var vendor = here ? new URL("../vendor/", here).href : "assets/vendor/";
  var loading = null;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = vendor + src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }

  function libraries() {
    if (window.vegaEmbed) return Promise.resolve();
    if (!loading) {
      loading = load("vega.min.js")
        .then(function () { return load("vega-lite.min.js"); })
        .then(function () { return load("vega-embed.min.js"); });
    }
    return loading;
  }

  var FONT = "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', " +
    "'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";
  var OPTIONS = {
    renderer: "svg",
    actions: false,
    formatLocale: { decimal: ".", thousands: ",", grouping: [3], currency: ["¥", ""] },
    timeFormatLocale: {
      dateTime: "%x %A %X", date: "%Y年%-m月%-d日", time: "%H:%M:%S",
      periods: ["上午", "下午"],
      days: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
      shortDays: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
      months: ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
      shortMonths: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"]
    },
    config: {
      font: FONT,
      background: "transparent",
      axis: { labelFontSize: 12, titleFontSize: 12, labelColor: "#444", titleColor: "#444" },
      legend: { labelFontSize: 12 },
      title: { fontSize: 14, anchor: "start" }
    }
  };

  /* on a phone, long category labels leave no room for the bars: cut them (the data
   * table under the chart has them whole) */
  function shortLabels(spec, limit) {
    [spec].concat(spec.layer || []).forEach(function (s) {
      var y = s.encoding && s.encoding.y;
      if (y && y.axis && y.axis.labelLimit && y.axis.labelLimit > limit) y.axis.labelLimit = limit;
    });
  }

  function renderCharts(root) {
    var specs = root.querySelectorAll(".jc-chart > script.jc-spec");
    if (!specs.length) return;
    libraries().then(function () {
      specs.forEach(function (el) {
        var host = el.previousElementSibling;
        if (!host || host.getAttribute("data-rendered")) return;
        host.setAttribute("data-rendered", "1");
        var spec;
        try { spec = JSON.parse(el.textContent); } catch (e) { return; }
        if (host.clientWidth && host.clientWidth < 560) shortLabels(spec, Math.round(host.clientWidth * 0.3));
        window.vegaEmbed(host, spec, OPTIONS).catch(function (err) {
          host.textContent = "图表无法显示，请看下方数据表。";
          if (window.console) console.warn(err);
        });
      });
    }).catch(function (err) { if (window.console) console.warn(err); });
  }

  function sortable(root) {
    root.querySelectorAll("table.jc-sortable").forEach(function (table) {
      if (table.getAttribute("data-sortable")) return;
      table.setAttribute("data-sortable", "1");
      var heads = table.tHead ? table.tHead.rows[0].cells : [];
      Array.prototype.forEach.call(heads, function (th, col) {
        th.tabIndex = 0;
        th.title = "点击排序";
        th.classList.add("jc-sort");
        var run = function () {
          var asc = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[col], y = b.cells[col];
            var xv = x.getAttribute("data-v"), yv = y.getAttribute("data-v");
            var r;
            if (xv !== null || yv !== null) {
              var xn = xv === "" || xv === null ? NaN : parseFloat(xv);
              var yn = yv === "" || yv === null ? NaN : parseFloat(yv);
              if (isNaN(xn) && isNaN(yn)) r = 0;
              else if (isNaN(xn)) return 1;      /* blanks last, both ways */
              else if (isNaN(yn)) return -1;
              else r = xn - yn;
            } else {
              r = x.textContent.localeCompare(y.textContent, "zh-CN");
            }
            return asc ? r : -r;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        };
        th.addEventListener("click", run);
        th.addEventListener("keydown", function (e) { if (e.key === "Enter") run(); });
      });
    });
  }

  /* a region heading (h2 省 / h3 市 / h4 区县) stays visible while a visible agency list
   * follows it before the next heading of its level or above */
  function hideEmptyHeadings(container) {
    var nodes = Array.prototype.filter.call(container.children, function (el) {
      return /^H[2-4]$/.test(el.tagName) || el.matches("ul.jc-agencies");
    });
    nodes.forEach(function (el, i) {
      if (el.tagName.charAt(0) !== "H") return;
      var level = +el.tagName.charAt(1), any = false;
      for (var j = i + 1; j < nodes.length; j++) {
        var n = nodes[j];
        if (n.tagName.charAt(0) === "H" && +n.tagName.charAt(1) <= level) break;
        if (n.tagName === "UL" && !n.hidden) { any = true; break; }
      }
      el.hidden = !any;
    });
    /* the page's table of contents follows the headings */
    document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']").forEach(function (a) {
      var target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      var li = a.closest("li");
      if (target && li) li.hidden = target.hidden;
    });
  }

  function sectorFilter(root) {
    root.querySelectorAll("select.jc-sector-filter").forEach(function (sel) {
      if (sel.getAttribute("data-bound")) return;
      sel.setAttribute("data-bound", "1");
      sel.addEventListener("change", function () {
        var v = sel.value, shown = 0;
        document.querySelectorAll("ul.jc-agencies").forEach(function (ul) {
          var any = false;
          Array.prototype.forEach.call(ul.children, function (li) {
            li.hidden = !!v && li.getAttribute("data-sector") !== v;
            if (!li.hidden) { any = true; shown += 1; }
          });
          ul.hidden = !any;
        });
        hideEmptyHeadings(sel.closest(".md-content__inner") || document.body);
        var out = document.querySelector(".jc-filter-count");
        if (out) out.textContent = v ? "显示 " + shown + " 个单位" : "";
      });
    });
  }

  function setup() {
    renderCharts(document);
    sortable(document);
    sectorFilter(document);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
