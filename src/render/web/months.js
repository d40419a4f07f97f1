// The month slider both incimap pages share: the months between two dates,
// the last day of a month, and the player that shows them one by one.
window.incimapMonths = (function () {
  'use strict';
  function lastDay(ym) {
    const y = Number(ym.slice(0, 4)), m = Number(ym.slice(5, 7));
    return ym + '-' + String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0');
  }
  // 'YYYY-MM' of each month from FIRST's to LAST's (dates), at most 1200.
  function between(first, last) {
    const out = [];
    let y = Number(first.slice(0, 4)), m = Number(first.slice(5, 7));
    const end = last.slice(0, 7);
    for (let n = 0; n < 1200; ++n) {
      const ym = String(y).padStart(4, '0') + '-' + String(m).padStart(2, '0');
      out.push(ym);
      if (ym >= end) break;
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }
  // BUTTON plays the months MONTHS() gives, one a second through SHOW(m),
  // from the one after the month CURRENT() shows (-1: none) to the last;
  // a second click pauses. body.dataset.playing is set while it plays.
  function player(button, months, current, show) {
    let playing = null;
    function stop() {
      if (playing) clearInterval(playing);
      playing = null;
      button.textContent = '▶ Play';
      delete document.body.dataset.playing;
    }
    button.addEventListener('click', function () {
      if (playing) { stop(); return; }
      const all = months();
      if (!all.length) return;
      let m = current();
      if (m >= all.length - 1) m = -1;
      button.textContent = '❚❚ Pause';
      document.body.dataset.playing = 'yes';
      const step = function () {
        m += 1;
        show(m);
        if (m >= all.length - 1) stop();
      };
      step();
      if (playing === null && document.body.dataset.playing) playing = setInterval(step, 1000);
    });
    return stop;
  }
  // The panel's month slider (#month, #month-name) and player (#play) over
  // the months MONTHS() gives, setting the dates #from and #to, and its
  // "Clear filters" button; APPLY() runs after each change. Returns the
  // player's stop().
  function controls(months, apply) {
    function byId(id) { return document.getElementById(id); }
    const month = byId('month');
    function show(m) {
      byId('from').value = months()[m] + '-01';
      byId('to').value = lastDay(months()[m]);
      apply();
    }
    const stop = player(byId('play'), months,
      function () { return byId('month-name').textContent ? Number(month.value) : -1; }, show);
    month.addEventListener('input', function () { stop(); if (months().length) show(Number(month.value)); });
    byId('clear-filters').addEventListener('click', function () {
      byId('type').value = '';
      byId('country').value = '';
      byId('actor').value = '';
      byId('fatalities').value = '0';
      apply();
    });
    return stop;
  }
  return { lastDay: lastDay, between: between, controls: controls };
})();
