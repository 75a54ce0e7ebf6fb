import { expect, html } from '@open-wc/testing';
import { ApiError } from '../../src/api/errors.js';
import type { MemoryAccountApi } from '../../src/api/memory-api.js';
import '../../src/components/account-summary/acct-account-summary.js';
import '../../src/components/autopay-toggle/acct-autopay-toggle.js';
import '../../src/components/payment-history/acct-payment-history.js';
import type { AcctAutopayToggle } from '../../src/components/autopay-toggle/autopay-toggle.js';
import { applyLocale } from '../../src/core/localization.js';
import { expectRightToLeft } from '../helpers/rtl.js';
import { waitForIdle } from '../helpers/wait.js';
import { $, accountApi, mountIdle, until } from './account-helpers.js';

/** A history whose first rows have every status. */
function everyStatus(api: MemoryAccountApi): MemoryAccountApi {
  const [processing, failed, refunded, unknown] = api.data.payments;
  Object.assign(processing, { status: 'processing' });
  Object.assign(failed, { status: 'failed', allocations: [], failure: { code: 'card_declined', message: 'declined' } });
  Object.assign(refunded, { status: 'refunded' });
  Object.assign(unknown, { status: 'disputed' });
  return api;
}

describe('account summary, autopay toggle and payment history: dark scheme and right-to-left', () => {
  afterEach(() => {
    document.documentElement.style.colorScheme = '';
    document.documentElement.dir = '';
  });

  it('pass axe in dark mode: a credit balance, every payment status, the confirmation, errors', async () => {
    document.documentElement.style.colorScheme = 'dark';
    const credit = accountApi();
    credit.data.account.balance = { amount: -5000, currency: 'USD' };
    const failing = accountApi({ fail: () => new ApiError('server', 'boom', { status: 500 }) });
    // A dark page, as a host in dark mode has (the elements draw no background of their own outside cards).
    const page = await mountIdle<HTMLElement>(html`<div style="background: Canvas; color: CanvasText">
      <acct-account-summary .api=${credit}></acct-account-summary>
      <acct-autopay-toggle .api=${accountApi()}></acct-autopay-toggle>
      <acct-payment-history page-size="6" .api=${everyStatus(accountApi())}></acct-payment-history>
      <acct-account-summary .api=${failing}></acct-account-summary>
      <acct-autopay-toggle .api=${failing}></acct-autopay-toggle>
      <acct-payment-history .api=${failing}></acct-payment-history>
    </div>`);
    const summary = page.querySelector('acct-account-summary')!;
    expect(getComputedStyle(summary).color).to.equal('rgb(230, 232, 235)');
    const toggle = page.querySelector<AcctAutopayToggle>('acct-autopay-toggle')!;
    $<HTMLButtonElement>(toggle, '[role="switch"]')!.click();
    await until(() => $(toggle, '[part="confirm"]') !== null);
    await waitForIdle(page);
    await expect(page).to.be.accessible();
  });

  it('pass axe in Arabic, right to left: a credit balance, every payment status, the confirmation, errors; figures isolated, rows mirrored', async () => {
    document.documentElement.dir = 'rtl';
    await applyLocale('ar');
    try {
      const credit = accountApi();
      credit.data.account.balance = { amount: -5000, currency: 'USD' };
      const failing = accountApi({ fail: () => new ApiError('server', 'boom', { status: 500 }) });
      const page = await mountIdle<HTMLElement>(html`<div lang="ar">
        <acct-account-summary .api=${credit}></acct-account-summary>
        <acct-autopay-toggle .api=${accountApi()}></acct-autopay-toggle>
        <acct-payment-history style="width: 60rem" page-size="6" .api=${everyStatus(accountApi())}></acct-payment-history>
        <acct-account-summary .api=${failing}></acct-account-summary>
        <acct-autopay-toggle .api=${failing}></acct-autopay-toggle>
        <acct-payment-history .api=${failing}></acct-payment-history>
      </div>`);
      const toggle = page.querySelector<AcctAutopayToggle>('acct-autopay-toggle')!;
      $<HTMLButtonElement>(toggle, '[role="switch"]')!.click();
      await until(() => $(toggle, '[part="confirm"]') !== null);
      await waitForIdle(page);
      const seen = expectRightToLeft(page, 'account elements');
      expect(seen.rows, 'history rows in table layout').to.be.greaterThan(5);
      expect(seen.islands, 'amounts and methods').to.be.greaterThan(10);
      await expect(page).to.be.accessible();
    } finally {
      await applyLocale('en');
    }
  });

  it('right-to-left: the switch thumb moves towards the inline end when on; money stays at the end of history rows', async () => {
    document.documentElement.dir = 'rtl';
    const on = accountApi();
    on.data.account.autopay = { enabled: true, payment_method_id: 'pm_acct_typical_visa' };
    const page = await mountIdle<HTMLElement>(html`<div>
      <acct-autopay-toggle style="width: 30rem" .api=${accountApi()}></acct-autopay-toggle>
      <acct-autopay-toggle style="width: 30rem" .api=${on}></acct-autopay-toggle>
      <acct-payment-history style="width: 60rem" page-size="3" .api=${accountApi()}></acct-payment-history>
    </div>`);
    const [off, onToggle] = [...page.querySelectorAll('acct-autopay-toggle')];
    const thumbOffset = (el: Element) => {
      const track = $(el, '.track')!.getBoundingClientRect();
      const thumb = $(el, '.thumb')!.getBoundingClientRect();
      return { fromLeft: thumb.left - track.left, fromRight: track.right - thumb.right };
    };
    // RTL: off sits at the right (inline start), on at the left (inline end).
    expect(thumbOffset(off).fromRight).to.be.lessThan(thumbOffset(off).fromLeft);
    expect(thumbOffset(onToggle).fromLeft).to.be.lessThan(thumbOffset(onToggle).fromRight);
    // The track sits at the inline end of the switch row: left in RTL.
    const button = $(off, '[role="switch"]')!.getBoundingClientRect();
    expect($(off, '.track')!.getBoundingClientRect().left - button.left).to.be.lessThan(2);
    const history = page.querySelector('acct-payment-history')!;
    const row = $(history, '.body [role="row"]')!;
    const amount = row.querySelector('.num')!.getBoundingClientRect();
    const id = row.querySelector('.id')!.getBoundingClientRect();
    expect(amount.right).to.be.lessThan(id.left);
    await expect(page).to.be.accessible();
  });
});
