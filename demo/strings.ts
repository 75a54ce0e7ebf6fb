// The demo host page's own words (its header, headings and log), in the six languages of the
// elements. A host translates its chrome itself; the elements bring their own catalogues.

type Key =
  | 'title' | 'product' | 'settings' | 'timesheets' | 'projects' | 'billing' | 'account' | 'role' | 'cards' | 'language'
  | 'accountEmpty' | 'accountLarge' | 'admin' | 'billingViewer' | 'basic' | 'hosted' | 'raw' | 'note'
  | 'overview' | 'invoices' | 'details' | 'methods' | 'history' | 'pay' | 'close'
  | 'succeeded' | 'processing' | 'failed' | 'expired';

export type DemoStrings = Record<Key, string>;

const en: DemoStrings = {
  title: 'Tickr — Billing',
  product: 'Product',
  settings: 'Demo settings',
  timesheets: 'Timesheets',
  projects: 'Projects',
  billing: 'Billing',
  account: 'Account',
  role: 'Role',
  cards: 'Card entry',
  language: 'Language',
  accountEmpty: 'Fresh Start Ltd (no invoices)',
  accountLarge: 'Globex (10,000 invoices)',
  admin: 'Admin',
  billingViewer: 'Billing viewer',
  basic: 'Basic',
  hosted: 'Hosted fields (gateway iframe)',
  raw: 'Test gateway form (sends card numbers)',
  note: 'Served by the Account Elements reference server: real HTTP, an embedded PostgreSQL (PGlite), short-lived demo tokens refreshed through',
  overview: 'Overview',
  invoices: 'Invoices',
  details: 'Invoice details',
  methods: 'Payment methods',
  history: 'Payment history',
  pay: 'Make a payment',
  close: 'Close',
  succeeded: 'Payment {id} succeeded.',
  processing: 'Payment {id} is processing.',
  failed: 'Payment failed: {code}.',
  expired: 'The session expired: a real host would sign the user in again.',
};

const de: DemoStrings = {
  title: 'Tickr — Abrechnung',
  product: 'Produkt',
  settings: 'Demo-Einstellungen',
  timesheets: 'Zeiterfassung',
  projects: 'Projekte',
  billing: 'Abrechnung',
  account: 'Konto',
  role: 'Rolle',
  cards: 'Karteneingabe',
  language: 'Sprache',
  accountEmpty: 'Fresh Start Ltd (keine Rechnungen)',
  accountLarge: 'Globex (10.000 Rechnungen)',
  admin: 'Administrator',
  billingViewer: 'Rechnungen ansehen',
  basic: 'Basis',
  hosted: 'Gehostete Felder (iframe des Zahlungsanbieters)',
  raw: 'Formular des Testanbieters (sendet Kartennummern)',
  note: 'Bereitgestellt vom Referenzserver der Account Elements: echtes HTTP, ein eingebettetes PostgreSQL (PGlite), kurzlebige Demo-Tokens, erneuert über',
  overview: 'Übersicht',
  invoices: 'Rechnungen',
  details: 'Rechnungsdetails',
  methods: 'Zahlungsmethoden',
  history: 'Zahlungsverlauf',
  pay: 'Zahlung leisten',
  close: 'Schließen',
  succeeded: 'Zahlung {id} war erfolgreich.',
  processing: 'Zahlung {id} wird verarbeitet.',
  failed: 'Zahlung fehlgeschlagen: {code}.',
  expired: 'Die Sitzung ist abgelaufen: Eine echte Anwendung würde Sie erneut anmelden.',
};

const fr: DemoStrings = {
  title: 'Tickr — Facturation',
  product: 'Produit',
  settings: 'Réglages de la démo',
  timesheets: 'Feuilles de temps',
  projects: 'Projets',
  billing: 'Facturation',
  account: 'Compte',
  role: 'Rôle',
  cards: 'Saisie de la carte',
  language: 'Langue',
  accountEmpty: 'Fresh Start Ltd (aucune facture)',
  accountLarge: 'Globex (10 000 factures)',
  admin: 'Administrateur',
  billingViewer: 'Lecture de la facturation',
  basic: 'Standard',
  hosted: 'Champs hébergés (iframe de la passerelle)',
  raw: 'Formulaire de la passerelle de test (envoie les numéros de carte)',
  note: 'Servi par le serveur de référence d’Account Elements : vrai HTTP, PostgreSQL embarqué (PGlite), jetons de démo de courte durée renouvelés par',
  overview: 'Vue d’ensemble',
  invoices: 'Factures',
  details: 'Détail de la facture',
  methods: 'Moyens de paiement',
  history: 'Historique des paiements',
  pay: 'Effectuer un paiement',
  close: 'Fermer',
  succeeded: 'Le paiement {id} a réussi.',
  processing: 'Le paiement {id} est en cours de traitement.',
  failed: 'Échec du paiement : {code}.',
  expired: 'La session a expiré : une vraie application vous reconnecterait.',
};

const es: DemoStrings = {
  title: 'Tickr — Facturación',
  product: 'Producto',
  settings: 'Ajustes de la demostración',
  timesheets: 'Hojas de horas',
  projects: 'Proyectos',
  billing: 'Facturación',
  account: 'Cuenta',
  role: 'Rol',
  cards: 'Entrada de tarjeta',
  language: 'Idioma',
  accountEmpty: 'Fresh Start Ltd (sin facturas)',
  accountLarge: 'Globex (10.000 facturas)',
  admin: 'Administrador',
  billingViewer: 'Consulta de facturación',
  basic: 'Básico',
  hosted: 'Campos alojados (iframe de la pasarela)',
  raw: 'Formulario de la pasarela de prueba (envía números de tarjeta)',
  note: 'Servido por el servidor de referencia de Account Elements: HTTP real, un PostgreSQL integrado (PGlite) y tokens de demostración de corta duración renovados mediante',
  overview: 'Resumen',
  invoices: 'Facturas',
  details: 'Detalle de la factura',
  methods: 'Métodos de pago',
  history: 'Historial de pagos',
  pay: 'Realizar un pago',
  close: 'Cerrar',
  succeeded: 'El pago {id} se realizó correctamente.',
  processing: 'El pago {id} se está procesando.',
  failed: 'El pago falló: {code}.',
  expired: 'La sesión caducó: una aplicación real le pediría que vuelva a iniciar sesión.',
};

const ja: DemoStrings = {
  title: 'Tickr — 請求',
  product: '製品',
  settings: 'デモの設定',
  timesheets: 'タイムシート',
  projects: 'プロジェクト',
  billing: '請求',
  account: 'アカウント',
  role: 'ロール',
  cards: 'カードの入力',
  language: '言語',
  accountEmpty: 'Fresh Start Ltd（請求書なし）',
  accountLarge: 'Globex（請求書 10,000 件）',
  admin: '管理者',
  billingViewer: '請求の閲覧者',
  basic: '一般',
  hosted: 'ホスト型フィールド（決済代行の iframe）',
  raw: 'テスト決済フォーム（カード番号を送信します）',
  note: 'Account Elements のリファレンスサーバーが配信しています。実際の HTTP、組み込みの PostgreSQL（PGlite）、短時間で期限が切れるデモ用トークンを次で更新します:',
  overview: '概要',
  invoices: '請求書',
  details: '請求書の詳細',
  methods: '支払い方法',
  history: '支払い履歴',
  pay: '支払う',
  close: '閉じる',
  succeeded: '支払い {id} が完了しました。',
  processing: '支払い {id} を処理しています。',
  failed: '支払いに失敗しました: {code}。',
  expired: 'セッションの有効期限が切れました。実際のアプリでは再度サインインします。',
};

const ar: DemoStrings = {
  title: 'Tickr — الفوترة',
  product: 'المنتج',
  settings: 'إعدادات العرض التوضيحي',
  timesheets: 'سجلات الوقت',
  projects: 'المشاريع',
  billing: 'الفوترة',
  account: 'الحساب',
  role: 'الدور',
  cards: 'إدخال البطاقة',
  language: 'اللغة',
  accountEmpty: 'Fresh Start Ltd (لا توجد فواتير)',
  accountLarge: 'Globex (10,000 فاتورة)',
  admin: 'مسؤول',
  billingViewer: 'مطّلع على الفواتير',
  basic: 'أساسي',
  hosted: 'حقول مستضافة (إطار بوابة الدفع)',
  raw: 'نموذج بوابة الاختبار (يرسل أرقام البطاقات)',
  note: 'يقدّم هذه الصفحة الخادمُ المرجعي لـ Account Elements: اتصال HTTP حقيقي، وقاعدة PostgreSQL مدمجة (PGlite)، ورموز عرض قصيرة الأجل تُجدَّد عبر',
  overview: 'نظرة عامة',
  invoices: 'الفواتير',
  details: 'تفاصيل الفاتورة',
  methods: 'طرق الدفع',
  history: 'سجل المدفوعات',
  pay: 'إجراء دفعة',
  close: 'إغلاق',
  succeeded: 'تمت الدفعة {id} بنجاح.',
  processing: 'الدفعة {id} قيد المعالجة.',
  failed: 'تعذّرت الدفعة: {code}.',
  expired: 'انتهت الجلسة: سيطلب منك التطبيق الحقيقي تسجيل الدخول من جديد.',
};

const STRINGS: Record<string, DemoStrings> = { en, de, fr, es, ja, ar };

/** Languages written right to left: the page gets `dir="rtl"`. */
const RTL = new Set(['ar']);

/** The page's words for a locale tag (`de-DE` → German); English for anything else. */
export function demoStrings(locale: string): DemoStrings {
  return STRINGS[locale.split('-')[0].toLowerCase()] ?? en;
}

/** `rtl` for Arabic, else `ltr`. */
export function directionOf(locale: string): 'rtl' | 'ltr' {
  return RTL.has(locale.split('-')[0].toLowerCase()) ? 'rtl' : 'ltr';
}

/** `{id}` → its value; values are bound as text by the caller. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}
