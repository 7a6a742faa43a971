/* global document, window, sessionStorage, echarts, Blob */
/**
 * 整零通 bureau dashboard: signs in through the GraphQL `login` mutation, then draws
 * localSourcingRate (rate against baseline and target, quarterly trend, by city, by focus
 * area and category) and demandGaps with Apache ECharts. Plain browser script, no build step.
 * Rates arrive as decimal strings (fractions); percentages are rounded half-up from the
 * string itself, so the page shows exactly what the API says.
 */
(function main() {
  'use strict';

  const TOKEN_KEY = 'zlt.dashboard.token';
  const FOCUS = { COCKPIT: '#1765ad', CHASSIS: '#2e8b57', CHIP: '#8e44ad', OTHER: '#7f8c8d' };
  const $ = (id) => document.getElementById(id);
  const charts = {};

  // ---------------------------------------------------------------- numbers

  /**
   * value × 10^shift, rounded half away from zero to `places` decimals, from the decimal
   * string itself (no float rounding): roundDecimal("0.41666", 1, 2) → "41.7".
   */
  function roundDecimal(value, places, shift = 0) {
    if (value === null || value === undefined) return null;
    const negative = value.startsWith('-');
    const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
    const digits = places + shift + 1;
    const scaled = BigInt(whole + fraction.padEnd(digits, '0').slice(0, digits));
    const rounded = ((scaled + 5n) / 10n).toString().padStart(places + 1, '0');
    const text = places > 0 ? `${rounded.slice(0, -places)}.${rounded.slice(-places)}` : rounded;
    return (negative && /[1-9]/.test(text) ? '-' : '') + text;
  }

  /** A rate (fraction) as a percentage: "0.41666…" → "41.7". */
  function percent(rate, places = 1) {
    return roundDecimal(rate, places, 2);
  }

  function percentText(rate, places = 1) {
    const value = percent(rate, places);
    return value === null ? '—' : `${value} %`;
  }

  /** "12345000.5" → "12,345,000.50" */
  function money(value) {
    if (value === null || value === undefined) return '—';
    const [whole, fraction = ''] = value.split('.');
    return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0').slice(0, 2)}`;
  }

  function plain(value, basis) {
    return basis === 'VALUE' ? `¥${money(value)}` : `${value} 份 contracts`;
  }

  const asNumber = (rate) => (rate === null || rate === undefined ? null : Number(percent(rate, 2)));

  // ---------------------------------------------------------------- API

  async function graphql(query, variables) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const response = await window.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors && body.errors.length) {
      const error = new Error(body.errors.map((e) => e.message).join('; '));
      error.code = body.errors[0].extensions && body.errors[0].extensions.code;
      throw error;
    }
    return body.data;
  }

  const RATE = `query Rate($region: String!, $period: PeriodInput!, $basis: RateBasis!, $scope: LocalScope!, $source: ContractSourceFilter!) {
    localSourcingRate(region: $region, period: $period, basis: $basis, scope: $scope, source: $source) {
      regionCode regionName regionNameEn numerator denominator rate contracts definition period { label }
      byCity { key nameZh nameEn numerator denominator rate contracts }
      byFocusArea { key nameZh nameEn numerator denominator rate contracts }
      byCategory { key nameZh nameEn focusArea numerator denominator rate contracts }
      target { baselineYear baselineMethod baselineRate targetRate changePp progress additionalLocalNeeded localShiftNeeded sourceNote }
    } }`;
  const TREND = `query Trend($region: String!, $period: PeriodInput!, $basis: RateBasis!, $scope: LocalScope!, $source: ContractSourceFilter!) {
    localSourcingRate(region: $region, period: $period, basis: $basis, scope: $scope, source: $source) { byQuarter { key rate contracts } } }`;
  const GAPS = `query Gaps($region: String!) { demandGaps(region: $region, nearest: 3) {
    categoryCode nameZh nameEn focusArea requirements oems demandedAnnualValue
    nearestOutside { supplierName siteName regionName countryCode distanceKm } } }`;

  // ---------------------------------------------------------------- sign-in

  async function login(event) {
    event.preventDefault();
    $('login-error').textContent = '';
    try {
      const data = await graphql('mutation($input: LoginInput!) { login(input: $input) { token } }', { input: { email: $('email').value, password: $('password').value } });
      sessionStorage.setItem(TOKEN_KEY, data.login.token);
      await start();
    } catch (error) {
      $('login-error').textContent = `登录失败 Sign-in failed: ${error.message}`;
    }
  }

  function logout() {
    sessionStorage.removeItem(TOKEN_KEY);
    window.location.reload();
  }

  async function start() {
    const { me } = await graphql('{ me { email role jurisdictionCode } }');
    if (me.role !== 'BUREAU_ANALYST' && me.role !== 'PLATFORM_ADMIN') throw new Error('只限经信局分析员 Bureau analysts only');
    const home = me.jurisdictionCode || '330000';
    const { region, regions } = await graphql('query($code: String!) { region(code: $code) { code name nameEn } regions(parent: $code) { code name nameEn } }', { code: home });
    $('jurisdiction').textContent = `${region.name} ${region.nameEn || ''} · ${me.email}`;
    $('region').replaceChildren(...[region, ...regions].map((r, i) => new window.Option(`${i ? '— ' : ''}${r.name} ${r.nameEn || ''}`, r.code)));
    const params = new window.URLSearchParams(window.location.search);
    const thisYear = new Date().getFullYear();
    const year = Number(params.get('year')) || thisYear;
    const years = [];
    for (let y = Math.max(thisYear, year); y >= Math.min(thisYear, year) - 6; y--) years.push(y);
    $('year').replaceChildren(...years.map((y) => new window.Option(String(y), String(y), y === year, y === year)));
    $('login').hidden = true;
    $('app').hidden = false;
    $('who').hidden = false;
    renderExportButtons();
    await refresh();
  }

  // ---------------------------------------------------------------- drawing

  function chart(id) {
    if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
    return charts[id];
  }

  function selection() {
    return { region: $('region').value, year: Number($('year').value), basis: $('basis').value, scope: $('scope').value, source: $('source').value };
  }

  async function refresh() {
    const s = selection();
    document.body.dataset.ready = 'false';
    $('status').textContent = '加载中… Loading…';
    try {
      const vars = { region: s.region, period: { startYear: s.year }, basis: s.basis, scope: s.scope, source: s.source };
      const [{ localSourcingRate: rate }, { demandGaps: gaps }] = await Promise.all([graphql(RATE, vars), graphql(GAPS, { region: s.region })]);
      const from = Math.max(s.year - 9, Math.min(rate.target ? rate.target.baselineYear : s.year - 1, s.year - 1));
      const { localSourcingRate: trend } = await graphql(TREND, { ...vars, period: { startYear: from, endYear: s.year } });
      drawKpi(rate, s);
      drawTrend(trend.byQuarter, rate.target);
      drawCities(rate.byCity, s);
      drawCategories(rate.byFocusArea, rate.byCategory, s);
      drawGaps(gaps);
      $('definition').textContent = `定义 Definition: ${rate.definition}`;
      $('status').textContent = `${rate.regionName} · ${rate.period.label} · ${rate.contracts} 份合同 contracts`;
      document.body.dataset.ready = 'true';
    } catch (error) {
      if (error.code === 'UNAUTHENTICATED') return logout();
      $('status').textContent = `出错 Error: ${error.message}`;
      document.body.dataset.ready = 'error';
    }
  }

  function drawKpi(rate, s) {
    const value = $('rate-value');
    value.textContent = percentText(rate.rate);
    value.dataset.rate = rate.rate === null ? '' : rate.rate;
    $('rate-detail').textContent = `本地 Local ${plain(rate.numerator, s.basis)} ÷ 合计 Total ${plain(rate.denominator, s.basis)}`;
    const t = rate.target;
    const current = asNumber(rate.rate) || 0;
    const baseline = t ? asNumber(t.baselineRate) : null;
    const target = t ? asNumber(t.targetRate) : null;
    const bands = baseline !== null && target !== null
      ? [[baseline / 100, '#c8d1dc'], [target / 100, '#f3d28b'], [1, '#a8dcb9']]
      : [[1, '#c8d1dc']];
    chart('gauge').setOption({
      series: [{
        type: 'gauge', min: 0, max: 100, startAngle: 200, endAngle: -20, radius: '100%', center: ['50%', '62%'],
        axisLine: { lineStyle: { width: 16, color: bands } },
        progress: { show: false }, pointer: { width: 5, length: '70%' },
        axisTick: { show: false }, splitLine: { length: 8, distance: -16 }, axisLabel: { distance: 6, fontSize: 10 },
        detail: { formatter: () => percentText(rate.rate), fontSize: 18, offsetCenter: [0, '35%'] },
        title: { offsetCenter: [0, '62%'], fontSize: 12 },
        data: [{ value: current, name: '当前 Current' }],
      }],
    }, true);
    $('target-detail').textContent = t
      ? `基准 Baseline ${t.baselineYear} (${t.baselineMethod === 'ENTERED' ? '录入 entered' : '测算 computed'}): ${percentText(t.baselineRate)} · ` +
        `目标 Target: ${percentText(t.targetRate)} · 变化 Change: ${t.changePp === null ? '—' : `${roundDecimal(t.changePp, 1)} pp`} · ` +
        `进度 Progress: ${t.progress === null ? '—' : percentText(t.progress, 0)} · ` +
        `尚需新增本地采购 Additional local needed: ${t.additionalLocalNeeded === null ? '—' : plain(t.additionalLocalNeeded, s.basis)}`
      : '未设定基准年 No baseline set (setSourcingBaseline)';
  }

  function drawTrend(quarters, target) {
    const marks = [];
    if (target && target.baselineRate !== null) marks.push({ yAxis: asNumber(target.baselineRate), name: '基准 Baseline', lineStyle: { color: '#8a99ab' } });
    if (target && target.targetRate !== null) marks.push({ yAxis: asNumber(target.targetRate), name: '目标 Target', lineStyle: { color: '#2e8b57' } });
    chart('trend').setOption({
      grid: { left: 48, right: 24, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v} %`) },
      xAxis: { type: 'category', data: quarters.map((q) => q.key) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      series: [{
        name: '本地配套率 Rate', type: 'line', connectNulls: true, symbolSize: 7, data: quarters.map((q) => asNumber(q.rate)),
        markLine: { symbol: 'none', label: { formatter: '{b} {c} %', position: 'insideEndTop' }, data: marks },
      }],
    }, true);
  }

  function drawCities(rows, s) {
    chart('cities').setOption({
      grid: { left: 48, right: 16, top: 24, bottom: 56 },
      tooltip: { trigger: 'axis', formatter: (items) => {
        const row = rows[items[0].dataIndex];
        return `${row.nameZh} ${row.nameEn || ''}<br>${percentText(row.rate)}<br>${plain(row.numerator, s.basis)} / ${plain(row.denominator, s.basis)}`;
      } },
      xAxis: { type: 'category', data: rows.map((r) => `${r.nameZh || r.key}\n${r.nameEn || ''}`), axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      series: [{ type: 'bar', barMaxWidth: 36, data: rows.map((r) => asNumber(r.rate)), itemStyle: { color: '#1765ad' }, label: { show: true, position: 'top', formatter: (p) => percentText(rows[p.dataIndex].rate) } }],
    }, true);
  }

  function drawCategories(areas, categories, s) {
    const rows = [];
    for (const area of areas.filter((a) => a.key !== 'OTHER')) {
      rows.push({ ...area, label: `【${area.nameZh} ${area.nameEn}】`, color: FOCUS[area.key] });
      for (const c of categories.filter((x) => x.focusArea === area.key && x.key !== area.key)) rows.push({ ...c, label: `  ${c.nameZh} ${c.nameEn}`, color: FOCUS[area.key] });
    }
    rows.reverse();
    chart('categories').setOption({
      grid: { left: 230, right: 48, top: 8, bottom: 24 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (items) => {
        const row = rows[items[0].dataIndex];
        return `${row.label}<br>${percentText(row.rate)} · ${plain(row.numerator, s.basis)} / ${plain(row.denominator, s.basis)}`;
      } },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { fontSize: 11 } },
      series: [{
        type: 'bar', barMaxWidth: 16,
        data: rows.map((r) => ({ value: asNumber(r.rate), itemStyle: { color: r.color } })),
        label: { show: true, position: 'right', formatter: (p) => percentText(rows[p.dataIndex].rate) },
      }],
    }, true);
  }

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function drawGaps(gaps) {
    const body = $('gaps').querySelector('tbody');
    if (gaps.length === 0) {
      const tr = document.createElement('tr');
      const td = cell('暂无缺口 No gaps: every open requirement has a qualified supplier plant in the province');
      td.colSpan = 5;
      tr.append(td);
      body.replaceChildren(tr);
      return;
    }
    body.replaceChildren(...gaps.map((g) => {
      const tr = document.createElement('tr');
      tr.dataset.category = g.categoryCode;
      const nearest = g.nearestOutside.map((c) => `${c.supplierName}(${c.regionName || c.countryCode},${c.distanceKm} km)`).join(';') || '—';
      tr.append(cell(`${g.nameZh} ${g.nameEn} (${g.categoryCode})`), cell(String(g.requirements), 'num'), cell(String(g.oems), 'num'), cell(money(g.demandedAnnualValue), 'num'), cell(nearest));
      return tr;
    }));
  }

  // ---------------------------------------------------------------- CSV

  const EXPORTS = [
    ['summary', '汇总 Summary'], ['by-city', '分城市 By city'], ['by-county', '分区县 By county'], ['by-oem', '分整车企业 By OEM'],
    ['by-focus-area', '分领域 By focus area'], ['by-category', '分品类 By category'], ['by-quarter', '分季度 By quarter'],
    ['demand-gaps', '需求缺口 Demand gaps'], ['contracts', '合同明细 Contracts'],
  ];

  function renderExportButtons() {
    $('export-buttons').replaceChildren(...EXPORTS.map(([table, label]) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.addEventListener('click', () => download(table));
      return button;
    }));
  }

  async function download(table) {
    const s = selection();
    const query = new window.URLSearchParams({ region: s.region, startYear: String(s.year), basis: s.basis, scope: s.scope, source: s.source });
    if (table === 'demand-gaps') ['startYear', 'basis', 'scope', 'source'].forEach((k) => query.delete(k));
    if (table === 'contracts') query.delete('basis');
    const response = await window.fetch(`/exports/sourcing/${table}.csv?${query}`, { headers: { authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}` } });
    if (!response.ok) {
      $('status').textContent = `导出失败 Export failed (${response.status})`;
      return;
    }
    const url = window.URL.createObjectURL(new Blob([await response.arrayBuffer()], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `sourcing-${table}-${s.region}-${s.year}.csv`;
    a.click();
    window.URL.revokeObjectURL(url);
  }

  // ---------------------------------------------------------------- wiring

  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  for (const id of ['region', 'year', 'basis', 'scope', 'source']) $(id).addEventListener('change', () => refresh());
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  if (sessionStorage.getItem(TOKEN_KEY)) start().catch(logout);
})();
