/**
 * MemoryAccountApi's add-ons: the same rules as the reference server (src/api/addons.ts), on the
 * fixture's data. Enabling invoices what its preview said, disabling credits it; a change of an
 * add-on the product carries out over time is `pending` for the provisioning time.
 */
import type { AddonAction } from './addon-vocabulary.js';
import { PREVIEW_TTL_MS, addonChangeRefusal, addonPreviewAmounts } from './addons.js';
import { ApiError, kindForStatus } from './errors.js';
import type { AccountFixture } from './fixtures/generate.js';
import { memoryPurchaseInvoice as purchaseInvoice } from './memory-licensing.js';
import type { Addon, AddonChange, AddonChangeRequest, AddonList, AddonPreview, NewAddonPreview } from './schemas/addon.js';

/** What the add-ons twin needs of MemoryAccountApi. */
export interface AddonsHost {
  readonly data: AccountFixture;
  /** Today's date (`YYYY-MM-DD`), as the fixture's world sees it. */
  today(): string;
  nextId(): number;
  /** How long a provisioned add-on stays `pending`. */
  readonly provisioningMs: number;
}

interface StoredPreview {
  preview: AddonPreview;
  /** The fixture world's day it was made on. */
  day: string;
  consumed: boolean;
}

export class MemoryAddons {
  readonly #host: AddonsHost;
  readonly #previews = new Map<string, StoredPreview>();
  /** Add-on invoices made so far (their numbers count them, as the server's do). */
  #invoices = 0;
  /** When each pending add-on's change is carried out. */
  readonly #pendingUntil = new Map<string, number>();

  constructor(host: AddonsHost) {
    // A fixture's pending add-on stays pending until the product says it is done (provisionNow),
    // as the server's seeded ones do; only a change made here ends after the provisioning time.
    this.#host = host;
  }

  /** Pending changes whose time has come are carried out (the server does it on read, too). */
  settle(): void {
    const now = Date.now();
    for (const addon of this.#host.data.addons.addons) {
      const until = this.#pendingUntil.get(addon.id);
      if (addon.state !== 'pending' || until === undefined || until > now) continue;
      this.#pendingUntil.delete(addon.id);
      const enabling = addon.pending_action !== 'disable';
      addon.state = enabling ? 'enabled' : 'disabled';
      addon.pending_action = null;
      addon.enabled_at = enabling ? (addon.enabled_at ?? new Date(now).toISOString()) : null;
    }
  }

  /** Makes a pending add-on's change due now: the next call carries it out. */
  provisionNow(addonId: string): void {
    if (this.#host.data.addons.addons.some((a) => a.id === addonId && a.state === 'pending')) this.#pendingUntil.set(addonId, Date.now());
  }

  list(): AddonList {
    return structuredClone({ data: this.#host.data.addons.addons });
  }

  preview(id: string, request: NewAddonPreview): AddonPreview {
    const addon = this.#addon(id);
    const action = request.action as AddonAction;
    const refusal = addonChangeRefusal(addon, action);
    if (refusal) throw problem(refusal.status, refusal.code, refusal.detail);
    const today = this.#host.today();
    const now = Date.now();
    // The same open preview for the same change today: previewing twice gives one price.
    for (const stored of this.#previews.values()) {
      const p = stored.preview;
      if (!stored.consumed && p.addon_id === id && p.action === action && stored.day === today && Date.parse(p.expires_at) > now) return structuredClone(p);
    }
    const { addons, licensing } = this.#host.data;
    const preview: AddonPreview = {
      id: `adp_memory_${this.#host.nextId()}`,
      addon_id: addon.id,
      addon_name: addon.name,
      action,
      billing: addon.billing,
      ...addonPreviewAmounts({ addon, action, today, term: licensing.term, taxBasisPoints: addons.taxBasisPoints }),
      tax_label: addons.taxLabel,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + PREVIEW_TTL_MS).toISOString(),
    };
    this.#previews.set(preview.id, { preview, day: today, consumed: false });
    return structuredClone(preview);
  }

  /** Lets a test age a preview past its expiry. */
  expirePreview(id: string): void {
    const stored = this.#previews.get(id);
    if (stored) stored.preview.expires_at = new Date(Date.now() - 1000).toISOString();
  }

  change(id: string, action: AddonAction, request: AddonChangeRequest): AddonChange {
    const addon = this.#addon(id);
    const stored = this.#previews.get(request.preview_id);
    if (!stored) throw problem(422, 'preview_not_found', 'This preview does not exist: preview the change again.', 'preview_id');
    const { preview } = stored;
    if (preview.addon_id !== id || preview.action !== action) {
      throw problem(422, 'preview_mismatch', `This preview is for ${preview.action === 'enable' ? 'enabling' : 'disabling'} ${preview.addon_name}.`, 'preview_id');
    }
    if (stored.consumed) throw problem(409, 'addon_state_changed', `This change of ${addon.name} was already made.`);
    const refusal = addonChangeRefusal(addon, action);
    if (refusal) throw problem(refusal.status, refusal.code, refusal.detail);
    if (Date.parse(preview.expires_at) <= Date.now()) {
      const fresh = this.preview(id, { action });
      throw problem(409, 'preview_expired', 'This preview has expired; here is today’s price.', undefined, { preview: fresh });
    }
    stored.consumed = true;
    const { data } = this.#host;
    const now = new Date();
    let invoiceId: string | null = null;
    let invoiceNumber: string | null = null;
    let creditId: string | null = null;
    if (action === 'enable' && preview.total.amount > 0) {
      const invoice = purchaseInvoice({
        id: `in_memory_${this.#host.nextId()}`,
        number: `INV-${now.toISOString().slice(0, 4)}-A${String(++this.#invoices).padStart(4, '0')}`,
        status: 'open',
        now,
        title: `${addon.name} — add-on`,
        line: { description: preview.period ? `${addon.name}, prorated` : addon.name, quantity: 1, unitPrice: addon.price },
        subtotal: preview.subtotal,
        tax: preview.tax,
        total: preview.total,
        taxLabel: preview.tax_label ?? null,
        taxBasisPoints: data.addons.taxBasisPoints,
        period: preview.period && { start: preview.period.start, end: preview.period.end },
        memo: `Add-on ${addon.name} enabled`,
      });
      data.invoices.unshift(invoice);
      data.account.balance = { amount: data.account.balance.amount + invoice.total.amount, currency: invoice.total.currency };
      invoiceId = invoice.id;
      invoiceNumber = invoice.number;
    }
    if (action === 'disable' && preview.credit.amount > 0) {
      creditId = `cr_memory_${this.#host.nextId()}`;
      data.addons.credits.unshift({
        id: creditId,
        created_at: now.toISOString(),
        original: preview.credit,
        remaining: preview.credit,
        reference: `${addon.name} disabled: unused part of the period`,
        expires_on: null,
      });
      data.account.balance = { amount: data.account.balance.amount - preview.credit.amount, currency: preview.credit.currency };
    }
    if (action === 'enable' && data.addons.provisioned.includes(addon.id)) {
      addon.state = 'pending';
      addon.pending_action = 'enable';
      this.#pendingUntil.set(addon.id, now.getTime() + this.#host.provisioningMs);
    } else {
      addon.state = action === 'enable' ? 'enabled' : 'disabled';
      addon.pending_action = null;
    }
    addon.enabled_at = action === 'enable' ? now.toISOString() : null;
    return structuredClone({ addon, invoice_id: invoiceId, invoice_number: invoiceNumber, credit_id: creditId });
  }

  #addon(id: string): Addon {
    const addon = this.#host.data.addons.addons.find((a) => a.id === id);
    if (!addon) throw problem(404, 'not_found', 'No such add-on.');
    return addon;
  }
}

function problem(status: number, code: string, detail: string, field?: string, extra: Record<string, unknown> = {}): ApiError {
  const errors = field ? { errors: [{ field, message: detail, code }] } : {};
  return new ApiError(kindForStatus(status), detail, { status, problem: { status, code, detail, ...errors, ...extra } });
}
