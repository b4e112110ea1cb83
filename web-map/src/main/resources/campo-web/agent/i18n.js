// The agent app's words, Spanish first (the agents' language), English on the header switch
// (remembered in localStorage `campo.lang`, the same key as the office pages).
window.AgentI18n = (function () {
  'use strict';
  const words = {
    es: {
      title: 'Campo', onDuty: 'En turno', offDuty: 'Fuera de turno: tu ubicación no se registra', startShift: 'Iniciar turno', endShift: 'Terminar turno', signIn: 'Entrar', agentId: 'Agente', deviceToken: 'Token del dispositivo', logout: 'Salir',
      list: 'Lista', map: 'Mapa', messages: 'Mensajes', send: 'Enviar', back: '← Volver', arrive: 'Llegué',
      outcome: 'Resultado', choose: 'Elegir…', PAID: 'Pago', PROMISE: 'Promesa de pago', NO_CONTACT: 'Sin contacto',
      REFUSED: 'Se negó', WRONG_ADDRESS: 'Dirección equivocada', INCIDENT: 'Incidente', amount: 'Monto', receipt: 'Recibo',
      promiseDate: 'Fecha de pago', incident: 'Tipo de incidente', THREAT: 'Amenaza', DOG: 'Perro',
      ROAD_BLOCKED: 'Camino bloqueado', OTHER: 'Otro', note: 'Nota', photos: 'Fotos', photoKind: 'Tipo', door: 'Fachada',
      receiptPhoto: 'Recibo', submit: 'Registrar visita', navigate: 'Navegar', noRoute: 'Sin ruta para hoy',
      stops: (n) => `${n} paradas`, pending: 'Pendiente', paid: 'Pagó', promise: 'Promesa', no_contact: 'Sin contacto',
      other: 'Otro', rejected: 'Rechazada', queued: 'En cola', phones: 'Teléfonos', debts: 'Deudas', balance: 'Saldo',
      daysPastDue: 'días de atraso', openPromises: 'Promesas abiertas', lastOutcomes: 'Últimos resultados',
      consent: 'Consentimiento', consentMessages: 'mensajes', consentCalls: 'llamadas', yes: 'Sí', no: 'No',
      group: 'Grupo', segment: 'Segmento', waiting: (n) => `${n} por enviar`, synced: (t) => `Sincronizado ${t}`,
      neverSynced: 'Sin sincronizar', offline: 'Sin conexión', waitingGps: 'Esperando GPS…',
      arrivedAt: (t, acc) => `Llegada ${t} (±${acc} m)`, required: 'Obligatoria', wrongLogin: 'Agente o token incorrecto',
      networkError: 'Sin conexión con el servidor', savedOffline: 'Visita guardada; se enviará al volver la señal',
      fixes: (n) => `${n} posiciones`, failed: 'Rechazado', chooseOutcome: 'Elige un resultado',
      amountNeeded: 'Monto positivo con hasta 2 decimales', receiptNeeded: 'Número de recibo obligatorio',
      dateNeeded: 'Fecha de pago obligatoria', tooLong: (n) => `Máximo ${n} caracteres`,
      belowMin: (n) => `Mínimo ${n}`, aboveMax: (n) => `Máximo ${n}`, notNumber: 'Debe ser un número',
      emptyMessage: 'Escribe un mensaje', messageQueued: 'Mensaje en cola', you: 'Tú', visitQueued: 'Visita en cola',
      tracking: 'Rastreo activo mientras la app está abierta', signature: 'Firma (opcional)', clearSignature: 'Borrar firma',
      AGREEMENT: 'Convenio de pago', installmentCount: 'Número de parcialidades', agreementAmount: 'Monto',
      agreementMode: 'El monto es', perInstallment: 'por parcialidad', inTotal: 'el total', firstDate: 'Primera fecha',
      frequency: 'Frecuencia', weekly: 'Semanal', biweekly: 'Quincenal', monthly: 'Mensual',
      installmentsNeeded: 'Número de parcialidades entre 1 y 120', firstDateNeeded: 'Primera fecha obligatoria',
      frequencyNeeded: 'Elige la frecuencia', totalTooSmall: 'El total no alcanza para tantas parcialidades',
      noDebtToAgree: 'Sin deudas con saldo para el convenio', agreement: 'Convenio', fromPage: 'la hizo el deudor en la página de pago',
    },
    en: {
      title: 'Campo', onDuty: 'On duty', offDuty: 'Off duty: your location is not recorded', startShift: 'Start shift', endShift: 'End shift', signIn: 'Sign in', agentId: 'Agent', deviceToken: 'Device token', logout: 'Sign out',
      list: 'List', map: 'Map', messages: 'Messages', send: 'Send', back: '← Back', arrive: 'I arrived',
      outcome: 'Outcome', choose: 'Choose…', PAID: 'Payment', PROMISE: 'Promise to pay', NO_CONTACT: 'No contact',
      REFUSED: 'Refused', WRONG_ADDRESS: 'Wrong address', INCIDENT: 'Incident', amount: 'Amount', receipt: 'Receipt',
      promiseDate: 'Payment date', incident: 'Incident type', THREAT: 'Threat', DOG: 'Dog', ROAD_BLOCKED: 'Road blocked',
      OTHER: 'Other', note: 'Note', photos: 'Photos', photoKind: 'Kind', door: 'Door', receiptPhoto: 'Receipt',
      submit: 'Record visit', navigate: 'Navigate', noRoute: 'No route today', stops: (n) => `${n} stops`,
      pending: 'Pending', paid: 'Paid', promise: 'Promise', no_contact: 'No contact', other: 'Other', rejected: 'Rejected',
      queued: 'Queued', phones: 'Phones', debts: 'Debts', balance: 'Balance', daysPastDue: 'days past due',
      openPromises: 'Open promises', lastOutcomes: 'Last outcomes', consent: 'Consent', consentMessages: 'messages',
      consentCalls: 'calls', yes: 'Yes', no: 'No', group: 'Group', segment: 'Segment',
      waiting: (n) => `${n} waiting`, synced: (t) => `Synced ${t}`, neverSynced: 'Not synced yet', offline: 'Offline',
      waitingGps: 'Waiting for GPS…', arrivedAt: (t, acc) => `Arrived ${t} (±${acc} m)`, required: 'Required',
      wrongLogin: 'Wrong agent or token', networkError: 'Cannot reach the server',
      savedOffline: 'Visit saved; it will be sent when the signal returns', fixes: (n) => `${n} positions`,
      failed: 'Refused', chooseOutcome: 'Choose an outcome', amountNeeded: 'A positive amount with at most 2 decimals',
      receiptNeeded: 'The receipt number is required', dateNeeded: 'The payment date is required',
      tooLong: (n) => `At most ${n} characters`, belowMin: (n) => `At least ${n}`, aboveMax: (n) => `At most ${n}`,
      notNumber: 'Must be a number', emptyMessage: 'Write a message', messageQueued: 'Message queued', you: 'You',
      visitQueued: 'Visit queued', tracking: 'Tracking while the app is open', signature: 'Signature (optional)',
      clearSignature: 'Clear signature',
      AGREEMENT: 'Payment agreement', installmentCount: 'Number of installments', agreementAmount: 'Amount',
      agreementMode: 'The amount is', perInstallment: 'per installment', inTotal: 'the total', firstDate: 'First date',
      frequency: 'Frequency', weekly: 'Weekly', biweekly: 'Every two weeks', monthly: 'Monthly',
      installmentsNeeded: 'Between 1 and 120 installments', firstDateNeeded: 'The first date is required',
      frequencyNeeded: 'Choose the frequency', totalTooSmall: 'The total is too small for so many installments',
      noDebtToAgree: 'No debt with a balance to agree on', agreement: 'Agreement', fromPage: 'made by the debtor on the payment page',
    },
  };
  let lang = localStorage.getItem('campo.lang') === 'en' ? 'en' : 'es';

  function t(key, ...args) {
    const w = words[lang][key] ?? words.es[key] ?? key;
    return typeof w === 'function' ? w(...args) : w;
  }

  function apply(root = document) {
    root.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
    document.documentElement.lang = lang;
  }

  function toggle() {
    lang = lang === 'es' ? 'en' : 'es';
    localStorage.setItem('campo.lang', lang);
    apply();
    return lang;
  }

  return { t, apply, toggle, lang: () => lang };
})();
