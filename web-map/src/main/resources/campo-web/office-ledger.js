// Office page, the debtor card's money: the payments in the ledger (GET /api/debtors/{id} carries them, newest first,
// with where each went, and the credit per currency; each debt's balance there is already after payments), and the
// payment agreements (GET /api/debtors/{id}/agreements) with each installment's state today, in the agency's zone.
// A proposed agreement (an agent's, from a visit) is confirmed here by admins and dispatchers.
(function (office) {
  'use strict';

  const { $, esc, api, t } = office;
  const SOURCES_ES = { field: 'campo', transfer: 'transferencia', cash_reference: 'referencia en efectivo', card: 'tarjeta',
    import: 'importación', provider: 'pasarela de pago' };
  const SOURCES_EN = { field: 'field', transfer: 'transfer', cash_reference: 'cash reference', card: 'card',
    import: 'import', provider: 'payment provider' };
  office.words({
    es: {
      ledgerPayments: 'Pagos', ledgerAgreements: 'Convenios', noPayments: 'Sin pagos', noAgreements: 'Sin convenios',
      colPaidAt: 'Fecha', colAmount: 'Monto', colSource: 'Origen', colReference: 'Referencia', colApplied: 'Aplicado a',
      colInstallment: 'Parcialidad', colPaid: 'Pagado', colState: 'Estado', creditNone: 'Sin saldo a favor',
      credit: (list) => `Saldo a favor: ${list}`, asCredit: 'saldo a favor', sources: SOURCES_ES,
      openPromises: (list) => `Promesas abiertas: ${list}`, promiseLine: (amount, date, page) => `${amount} el ${date}${page ? ' (en la página de pago)' : ''}`,
      agreementLine: (a, money) => `Convenio ${a.id} · ${a.contracts.join(', ')} · ${money(a.paid, a.currency)} de ${money(a.total, a.currency)}`,
      agreementStatus: { proposed: 'propuesto', confirmed: 'confirmado' },
      agreementState: { active: 'al corriente', kept: 'cumplido', broken: 'roto' },
      installmentState: { paid: 'pagada', due: 'por vencer', late: 'atrasada', missed: 'incumplida' },
      proposedBy: (who) => `propuesto por ${who}`, confirm: 'Confirmar', confirmed: (id) => `Convenio ${id} confirmado`
    },
    en: {
      ledgerPayments: 'Payments', ledgerAgreements: 'Payment agreements', noPayments: 'No payments', noAgreements: 'No agreements',
      colPaidAt: 'Date', colAmount: 'Amount', colSource: 'Source', colReference: 'Reference', colApplied: 'Applied to',
      colInstallment: 'Installment', colPaid: 'Paid', colState: 'State', creditNone: 'No credit',
      credit: (list) => `Credit: ${list}`, asCredit: 'credit', sources: SOURCES_EN,
      openPromises: (list) => `Open promises: ${list}`, promiseLine: (amount, date, page) => `${amount} on ${date}${page ? ' (on the payment page)' : ''}`,
      agreementLine: (a, money) => `Agreement ${a.id} · ${a.contracts.join(', ')} · ${money(a.paid, a.currency)} of ${money(a.total, a.currency)}`,
      agreementStatus: { proposed: 'proposed', confirmed: 'confirmed' },
      agreementState: { active: 'in good standing', kept: 'kept', broken: 'broken' },
      installmentState: { paid: 'paid', due: 'due', late: 'late', missed: 'missed' },
      proposedBy: (who) => `proposed by ${who}`, confirm: 'Confirm', confirmed: (id) => `Agreement ${id} confirmed`
    }
  });

  const state = { debtor: null, agreements: null, loadedFor: null };
  window.campoOffice = window.campoOffice || {};

  function renderPayments(d) {
    const credit = Object.entries(d.credit || {});
    $('card-credit').textContent = credit.length
      ? t('credit')(credit.map(([currency, amount]) => office.money(amount, currency)).join(', ')) : t('creditNone');
    // Open promises (not due, not kept), the agents' and the debtor's own from the payment page.
    const open = (d.promises && d.promises.open) || [];
    $('card-promises').textContent = open.length ? t('openPromises')(open.map((p) =>
      t('promiseLine')(p.amount ? office.money(p.amount, p.currency) : '—', p.dueDate, p.source === 'page')).join('; ')) : '';
    const table = $('card-payments');
    table.tHead.innerHTML = `<tr><th>${t('colPaidAt')}</th><th class="num">${t('colAmount')}</th><th>${t('colSource')}</th>` +
      `<th>${t('colReference')}</th><th>${t('colApplied')}</th></tr>`;
    const payments = d.payments || [];
    table.tBodies[0].innerHTML = payments.length ? payments.map((p) => {
      const applied = (p.allocations || []).map((a) => `${office.money(a.amount, p.currency)} → ` +
        (a.kind === 'credit' ? t('asCredit') : (a.contract || a.kind))).join('; ');
      return `<tr data-payment="${esc(p.id)}"><td><time datetime="${esc(p.paidAt)}">${esc(office.dateTime(p.paidAt))}</time></td>` +
        `<td class="num">${esc(office.money(p.amount, p.currency))}</td><td>${esc(t('sources')[p.source] || p.source)}</td>` +
        `<td>${esc(p.reference)}</td><td>${esc(applied)}</td></tr>`;
    }).join('') : `<tr><td colspan="5" class="muted">${t('noPayments')}</td></tr>`;
  }

  function renderAgreements() {
    const list = (state.agreements && state.agreements.agreements) || [];
    const money = office.money;
    $('card-agreements').innerHTML = list.length ? list.map((a) => {
      const confirm = a.status === 'proposed' && office.isPlanner()
        ? ` <button type="button" data-confirm="${esc(a.id)}">${t('confirm')}</button>` : '';
      const who = a.status === 'proposed' && a.proposedBy ? ` · ${esc(t('proposedBy')(a.proposedBy))}` : '';
      const rows = a.installments.map((i) => `<tr class="installment-${esc(i.state)}"><td>${esc(i.seq)}</td><td>${esc(i.date)}</td>` +
        `<td class="num">${esc(money(i.amount, a.currency))}</td><td class="num">${esc(money(i.paid, a.currency))}</td>` +
        `<td>${esc(t('installmentState')[i.state] || i.state)}</td></tr>`).join('');
      return `<div class="agreement agreement-${esc(a.status)} agreement-${esc(a.state)}" data-agreement="${esc(a.id)}">` +
        `<p><strong>${esc(t('agreementLine')(a, money))}</strong> · <span class="agreement-status">${esc(t('agreementStatus')[a.status] || a.status)}</span>` +
        ` · <span class="agreement-state">${esc(t('agreementState')[a.state] || a.state)}</span>${who}${confirm}</p>` +
        `<table><thead><tr><th>${t('colInstallment')}</th><th>${t('colDue')}</th><th class="num">${t('colAmount')}</th>` +
        `<th class="num">${t('colPaid')}</th><th>${t('colState')}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
    }).join('') : `<p class="muted">${t('noAgreements')}</p>`;
  }

  async function loadAgreements(d) {
    try {
      const agreements = await api(`/api/debtors/${encodeURIComponent(d.externalId)}/agreements`);
      if (state.debtor !== d) return; // another debtor was opened meanwhile
      state.agreements = agreements;
      renderAgreements();
      window.campoOffice.agreementsLoaded = (agreements.agreements || []).length;
    } catch (e) {
      if (e.status !== 401) setStatus(e.message, 'error');
    }
  }

  function setStatus(text, outcome) {
    const status = $('card-agreements-status');
    status.textContent = text;
    status.dataset.outcome = outcome;
  }

  async function confirmAgreement(id) {
    try {
      await api(`/api/agreements/${encodeURIComponent(id)}/confirm`, { method: 'POST', body: {} });
      await loadAgreements(state.debtor);
      setStatus(t('confirmed')(id), 'done');
    } catch (e) {
      if (e.status === 401) return;
      // Confirmed by someone else meanwhile, say: what the server holds now, with its reason.
      await loadAgreements(state.debtor);
      setStatus(e.message, 'error');
    }
  }

  document.addEventListener('campo-debtor-card', (e) => {
    const d = e.detail;
    const fresh = state.debtor !== d;
    state.debtor = d;
    renderPayments(d);
    if (fresh) {
      state.agreements = null;
      setStatus('', '');
      renderAgreements();
      loadAgreements(d);
    } else {
      renderAgreements();
    }
  });

  office.section({
    id: 'ledger',
    init() {
      $('card-agreements').addEventListener('click', (e) => {
        const button = e.target.closest('button[data-confirm]');
        if (button) { button.disabled = true; confirmAgreement(button.dataset.confirm); }
      });
    }
  });
})(window.CampoOffice);
