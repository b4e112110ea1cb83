// The AGREEMENT outcome's installment plan, from the agent's few fields to the `outcome` POST /api/visits reads
// (AgreementTerms: contracts, currency, installments [{date, amount}]). Amounts are worked in cents, as integers:
// "1000 in 3" is 333.33, 333.33 and 333.34 (the remainder on the last one), never a float's 333.3333.
window.AgentAgreement = (function () {
  'use strict';

  const MAX_INSTALLMENTS = 120; // AgreementTerms.MAX_INSTALLMENTS

  function cents(text) {
    const m = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(String(text).trim());
    return m ? Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0')) : null;
  }

  function money(c) {
    return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
  }

  // A calendar day, without time zones: 'YYYY-MM-DD' in, 'YYYY-MM-DD' out. A monthly plan from the 31st falls on the
  // last day of shorter months (Jan 31, Feb 28, Mar 31), counted from the first date, not from the month before.
  function nth(first, frequency, i) {
    const [y, m, d] = first.split('-').map(Number);
    let date;
    if (frequency === 'monthly') {
      const last = new Date(Date.UTC(y, m - 1 + i + 1, 0)).getUTCDate();
      date = new Date(Date.UTC(y, m - 1 + i, Math.min(d, last)));
    } else {
      date = new Date(Date.UTC(y, m - 1, d + i * (frequency === 'weekly' ? 7 : 14)));
    }
    return date.toISOString().slice(0, 10);
  }

  /**
   * { count, amount, mode: 'each' | 'total', first: 'YYYY-MM-DD', frequency: 'weekly' | 'biweekly' | 'monthly' } →
   * { installments: [{date, amount}], problems: [keys of the app's words] }.
   */
  function schedule(p) {
    const problems = [];
    const count = Number(p.count);
    if (!Number.isInteger(count) || count < 1 || count > MAX_INSTALLMENTS) problems.push('installmentsNeeded');
    const amount = cents(p.amount);
    if (amount === null || amount <= 0) problems.push('amountNeeded');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(p.first || '')) problems.push('firstDateNeeded');
    if (!['weekly', 'biweekly', 'monthly'].includes(p.frequency)) problems.push('frequencyNeeded');
    if (problems.length) return { installments: [], problems };
    if (p.mode === 'total' && amount < count) return { installments: [], problems: ['totalTooSmall'] };
    const each = p.mode === 'total' ? Math.floor(amount / count) : amount;
    const last = p.mode === 'total' ? amount - each * (count - 1) : amount;
    const installments = [];
    for (let i = 0; i < count; i++) {
      installments.push({ date: nth(p.first, p.frequency, i), amount: money(i === count - 1 ? last : each) });
    }
    return { installments, problems };
  }

  return { schedule };
})();
