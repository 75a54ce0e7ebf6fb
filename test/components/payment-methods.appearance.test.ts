import { expect } from '@open-wc/testing';
import * as formStories from '../../stories/payment-method-form.stories.js';
import * as listStories from '../../stories/payment-methods.stories.js';
import { checkStoryAppearance, storyNames, type StoriesModule } from '../helpers/run-stories.js';
import { capturingConsoleErrors } from './account-helpers.js';
import { $ } from './payment-method-helpers.js';

const modules: Array<[string, StoriesModule]> = [
  ['acct-payment-methods', listStories as unknown as StoriesModule],
  ['acct-payment-method-form', formStories as unknown as StoriesModule],
];

describe('acct-payment-methods and acct-payment-method-form: dark scheme and right-to-left', () => {
  afterEach(() => {
    document.documentElement.style.colorScheme = '';
  });

  for (const [tag, module] of modules) {
    for (const name of storyNames(module)) {
      it(`${tag} ${name}: axe in the dark scheme`, async () => {
        await capturingConsoleErrors(async () => {
          const page = await checkStoryAppearance(module, name, 'dark');
          expect(getComputedStyle(page.querySelector(tag)!).color).to.equal('rgb(230, 232, 235)');
        });
      });
    }
  }

  it('right-to-left: a method row starts at the right, its buttons at the left; the list passes axe', async () => {
    const page = await checkStoryAppearance(listStories as unknown as StoriesModule, 'Populated', 'light', 'rtl');
    const el = page.querySelector('acct-payment-methods')!;
    const row = $(el, '[part~="method"]')!;
    const name = row.querySelector('.name')!.getBoundingClientRect();
    const actions = row.querySelector('[part~="actions"]')!.getBoundingClientRect();
    expect(actions.right).to.be.lessThan(name.left);
  });

  it('right-to-left: in the add form expiry comes first at the right, the security code to its left; axe passes', async () => {
    const page = await checkStoryAppearance(listStories as unknown as StoriesModule, 'AddCard', 'light', 'rtl');
    const list = page.querySelector('acct-payment-methods')!;
    const form = list.querySelector('acct-payment-method-form')!;
    const expiry = $(form, '[name="expiry"]')!.getBoundingClientRect();
    const cvc = $(form, '[name="cvc"]')!.getBoundingClientRect();
    expect(cvc.right).to.be.lessThan(expiry.left);
  });
});
