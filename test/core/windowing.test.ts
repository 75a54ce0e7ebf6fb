import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import fc from 'fast-check';
import { css, html, LitElement, render } from 'lit';
import { property } from 'lit/decorators.js';
import { cssomStyle } from '../../src/core/cssom-style.js';
import { keyedRepeat } from '../../src/core/keyed-repeat.js';
import { ItemSizes, recycleRows, WindowingController, type WindowSegment } from '../../src/core/windowing.js';
import { spyOnLeaks } from '../helpers/leak-spy.js';

async function shiftTab() {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

/** Waits until the list stops changing what it renders (two frames without an update). */
async function settle(list: WindowedList, maxFrames = 60): Promise<void> {
  let quiet = 0;
  for (let i = 0; i < maxFrames && quiet < 2; i++) {
    const before = list.windowing.segments;
    await frame();
    await list.updateComplete;
    quiet = list.windowing.segments === before ? quiet + 1 : 0;
  }
}

/** The indices of the rendered items, in DOM order. */
function renderedIndices(list: WindowedList): number[] {
  return Array.from(list.items.querySelectorAll<HTMLElement>('.item')).map((item) => Number(item.dataset.index));
}

/** A minimal host: items of given heights (plus a 2px bottom margin) in a 300px scroller. */
class WindowedList extends LitElement {
  static override styles = css`
    .scroller {
      height: 300px;
      overflow: auto;
    }
    .items {
      display: flow-root;
    }
    .item {
      margin-block-end: 2px;
      background: #ddd;
    }
  `;

  @property({ attribute: false }) heights: number[] = [];
  /** Leaving rows show arriving ones (`recycleRows`), as the lists' windows do. */
  @property({ type: Boolean }) recycle = false;

  windowing = new WindowingController(this, {
    count: () => this.heights.length,
    scroller: () => this.renderRoot?.querySelector<HTMLElement>('.scroller'),
    container: () => this.renderRoot?.querySelector<HTMLElement>('.items'),
    indexOf: (element) => (element.classList.contains('item') ? Number((element as HTMLElement).dataset.index) : -1),
    estimatedSize: 20,
    overscan: 2,
  });

  get scroller(): HTMLElement {
    return this.renderRoot.querySelector('.scroller')!;
  }

  get items(): HTMLElement {
    return this.renderRoot.querySelector('.items')!;
  }

  override render() {
    return html`<div class="scroller">
      <div class="items">
        ${keyedRepeat(
          this.windowing.segments,
          (segment: WindowSegment) => (segment.kind === 'gap' ? segment.key : segment.index),
          (segment: WindowSegment) =>
            segment.kind === 'gap'
              ? html`<div class="gap" ${cssomStyle({ height: `${segment.size}px` })}></div>`
              : html`<div class="item" data-index=${segment.index} ${cssomStyle({ height: `${this.heights[segment.index]}px` })}>
                  <button type="button">Item ${segment.index}</button>
                </div>`,
          this.recycle ? { reconcile: recycleRows } : undefined,
        )}
      </div>
    </div>`;
  }
}
customElements.define('test-windowed-list', WindowedList);

/** Whether the lists the next tests mount recycle their rows (each WindowingController test runs both ways). */
let mountRecycled = false;

async function mountList(heights: number[]): Promise<WindowedList> {
  const list = await fixture<WindowedList>(html`<test-windowed-list .heights=${heights} ?recycle=${mountRecycled}></test-windowed-list>`);
  await settle(list);
  return list;
}

/** Item i is 10-49 px high, so sizes vary from row to row. */
const variableHeights = (count: number) => Array.from({ length: count }, (_, i) => 10 + ((i * 7) % 40));

describe('ItemSizes', () => {
  it('0 items: no offsets to speak of, an empty range', () => {
    const sizes = new ItemSizes(20);
    expect(sizes.count).to.equal(0);
    expect(sizes.total).to.equal(0);
    expect(sizes.indexAt(0)).to.equal(0);
    expect(sizes.indexAt(500)).to.equal(0);
    expect(sizes.rangeFor(0, 300, 3)).to.deep.equal({ start: 0, end: 0 });
    expect(sizes.set(0, 10)).to.be.false;
  });

  it('unmeasured items count as the estimate, then as the average measured size', () => {
    const sizes = new ItemSizes(20);
    sizes.setCount(5);
    expect(sizes.total).to.equal(100);
    expect(sizes.offsetOf(3)).to.equal(60);
    sizes.set(0, 10);
    sizes.set(1, 30);
    sizes.set(2, 50);
    expect(sizes.average).to.equal(30);
    expect(sizes.get(4)).to.equal(30);
    // 10 + 30 + 50 measured, 30 + 30 estimated.
    expect([0, 1, 2, 3, 4, 5].map((i) => sizes.offsetOf(i))).to.deep.equal([0, 10, 40, 90, 120, 150]);
    expect(sizes.total).to.equal(150);
  });

  it('binary search: boundaries belong to the item starting there; offsets outside clamp to the first and last', () => {
    const sizes = new ItemSizes(20);
    sizes.setCount(4);
    [10, 30, 20, 40].forEach((size, i) => sizes.set(i, size));
    // Offsets 0, 10, 40, 60; total 100.
    expect(sizes.indexAt(-50)).to.equal(0);
    expect(sizes.indexAt(0)).to.equal(0);
    expect(sizes.indexAt(9.99)).to.equal(0);
    expect(sizes.indexAt(10)).to.equal(1);
    expect(sizes.indexAt(39.9)).to.equal(1);
    expect(sizes.indexAt(40)).to.equal(2);
    expect(sizes.indexAt(60)).to.equal(3);
    expect(sizes.indexAt(100)).to.equal(3);
    expect(sizes.indexAt(1e9)).to.equal(3);
  });

  it('binary search agrees with a linear scan for any sizes and offsets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: -100, max: 70_000 }),
        (measured, offset) => {
          const sizes = new ItemSizes(17);
          sizes.setCount(measured.length);
          measured.forEach((size, i) => sizes.set(i, size));
          let expected = 0;
          let start = 0;
          for (let i = 0; i < measured.length; i++) {
            if (start <= offset) expected = i;
            start += measured[i];
          }
          expect(sizes.indexAt(offset)).to.equal(expected);
        },
      ),
    );
  });

  it('rangeFor: the items intersecting the viewport, widened by the overscan and clamped', () => {
    const sizes = new ItemSizes(20);
    sizes.setCount(5);
    [10, 30, 20, 40, 50].forEach((size, i) => sizes.set(i, size));
    // Offsets 0, 10, 40, 60, 100; total 150.
    expect(sizes.rangeFor(35, 30, 0)).to.deep.equal({ start: 1, end: 4 });
    expect(sizes.rangeFor(35, 30, 1)).to.deep.equal({ start: 0, end: 5 });
    expect(sizes.rangeFor(-40, 20, 2)).to.deep.equal({ start: 0, end: 3 });
    expect(sizes.rangeFor(140, 300, 1)).to.deep.equal({ start: 3, end: 5 });
  });

  it('offsets follow a changed size (recomputed lazily); unchanged sizes report no change', () => {
    const sizes = new ItemSizes(20);
    sizes.setCount(1000);
    for (let i = 0; i < 1000; i++) sizes.set(i, 20);
    expect(sizes.offsetOf(999)).to.equal(19_980);
    expect(sizes.set(10, 20)).to.be.false;
    expect(sizes.set(10, 120)).to.be.true;
    expect(sizes.offsetOf(10)).to.equal(200);
    expect(sizes.offsetOf(11)).to.equal(320);
    expect(sizes.offsetOf(999)).to.equal(20_080);
    expect(sizes.indexAt(250)).to.equal(10);
    expect(sizes.indexAt(320)).to.equal(11);
  });

  it('setCount keeps the measurements of items that remain; clear forgets them all', () => {
    const sizes = new ItemSizes(20);
    sizes.setCount(3);
    [10, 20, 90].forEach((size, i) => sizes.set(i, size));
    sizes.setCount(2);
    expect(sizes.average).to.equal(15);
    expect(sizes.total).to.equal(30);
    sizes.setCount(4);
    expect(sizes.get(1)).to.equal(20);
    expect(sizes.total).to.equal(60);
    sizes.clear();
    expect(sizes.total).to.equal(80);
  });

  it('grown a page at a time (50 pages of 1,000), keeps every measurement and the offsets right', () => {
    const sizes = new ItemSizes(20);
    for (let page = 1; page <= 50; page++) {
      sizes.setCount(page * 1000);
      // The first row of each page measured at 30 px, the others estimated (the average, 30).
      sizes.set((page - 1) * 1000, 30 + page);
    }
    expect(sizes.count).to.equal(50_000);
    expect(sizes.get(0)).to.equal(31);
    expect(sizes.get(49_000)).to.equal(80);
    const average = sizes.average;
    expect(average).to.be.closeTo(55.5, 1e-9);
    expect(sizes.offsetOf(1000)).to.be.closeTo(31 + 999 * average, 1e-6);
    expect(sizes.total).to.be.closeTo(50 * 55.5 + 49_950 * average, 1e-6);
    sizes.setCount(10);
    expect(sizes.total).to.be.closeTo(31 + 9 * 31, 1e-9);
  });
});

for (const recycle of [false, true]) {
describe(`WindowingController${recycle ? ', rows recycled' : ''}`, () => {
  before(() => (mountRecycled = recycle));
  after(() => (mountRecycled = false));

  it('renders only the items near the viewport; gaps make the scroll height the whole list', async () => {
    const list = await mountList(Array(1000).fill(20));
    const indices = renderedIndices(list);
    // 300px of 22px items (20 + 2px margin) is 14 items, plus 2 overscan below.
    expect(indices[0]).to.equal(0);
    expect(indices.length).to.be.within(14, 20);
    expect(indices).to.deep.equal(indices.map((_, i) => i));
    expect(list.windowing.sizes.average).to.equal(22);
    expect(list.scroller.scrollHeight).to.be.closeTo(22_000, 1);
  });

  it('variable heights: the rendered items cover the viewport wherever it is scrolled to', async () => {
    const heights = variableHeights(2000);
    const list = await mountList(heights);
    for (const top of [5_000, 31_337, 12_000, 100]) {
      list.scroller.scrollTop = top;
      await settle(list);
      const viewport = list.scroller.getBoundingClientRect();
      const items = Array.from(list.items.querySelectorAll<HTMLElement>('.item'));
      const indices = renderedIndices(list);
      expect(indices, `contiguous at ${top}`).to.deep.equal(indices.map((_, i) => indices[0] + i));
      expect(items[0].getBoundingClientRect().top, `first item at ${top}`).to.be.at.most(viewport.top);
      expect(items.at(-1)!.getBoundingClientRect().bottom, `last item at ${top}`).to.be.at.least(viewport.bottom);
      expect(items.length).to.be.lessThan(40);
      // Every rendered item shows its own height.
      for (const item of items) expect(item.offsetHeight).to.equal(heights[Number(item.dataset.index)]);
    }
  });

  it('scrolling to the end shows the last item at the bottom of the content', async () => {
    const heights = variableHeights(3000);
    const list = await mountList(heights);
    for (let i = 0; i < 5; i++) {
      list.scroller.scrollTop = list.scroller.scrollHeight;
      await settle(list);
    }
    const last = list.items.querySelector<HTMLElement>('.item[data-index="2999"]');
    expect(last).to.exist;
    const viewport = list.scroller.getBoundingClientRect();
    expect(last!.getBoundingClientRect().bottom + 2).to.be.closeTo(viewport.bottom, 1);
  });

  it('the item at the top stays in place when the items scrolled to turn out bigger than estimated', async () => {
    // 1,000 small items, then big ones: at the top only small ones are measured (average 22px).
    const heights = Array.from({ length: 3000 }, (_, i) => (i < 1000 ? 20 : 80));
    const list = await mountList(heights);
    expect(list.windowing.sizes.average).to.equal(22);
    list.scroller.scrollTop = 40_000;
    // After the first painted frame there: the window was placed by the estimate and measured,
    // and the better average (which moves everything above) is applied in the next frame.
    await frame();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const topItem = () => {
      const top = list.scroller.getBoundingClientRect().top;
      const item = Array.from(list.items.querySelectorAll<HTMLElement>('.item')).find((i) => i.getBoundingClientRect().bottom > top)!;
      return { index: Number(item.dataset.index), offset: Math.round(item.getBoundingClientRect().top - top) };
    };
    const shown = topItem();
    expect(shown.index).to.be.greaterThan(1000);
    await settle(list);
    expect(list.windowing.sizes.average).to.be.greaterThan(30);
    expect(topItem()).to.deep.equal(shown);
    expect(list.scroller.scrollHeight).to.be.closeTo(list.windowing.sizes.total, 1);
  });

  it('resize: a rendered item that grows moves the items after it; the estimate follows the new average', async () => {
    const list = await mountList(Array(500).fill(20));
    const height = list.scroller.scrollHeight;
    list.heights = list.heights.map((h, i) => (i === 3 ? 120 : h));
    await settle(list);
    const sizes = list.windowing.sizes;
    expect(sizes.get(3)).to.equal(122);
    expect(sizes.average).to.be.greaterThan(22);
    expect(list.scroller.scrollHeight).to.be.greaterThan(height + 100);
    expect(list.scroller.scrollHeight).to.be.closeTo(sizes.total, 1);
    const item3 = list.items.querySelector<HTMLElement>('[data-index="3"]')!.getBoundingClientRect();
    const item4 = list.items.querySelector<HTMLElement>('[data-index="4"]')!.getBoundingClientRect();
    expect(item4.top - item3.bottom).to.be.closeTo(2, 0.5);
  });

  it('resize: a taller scroller renders more items', async () => {
    const list = await mountList(Array(500).fill(20));
    const before = renderedIndices(list).length;
    list.scroller.style.height = '600px';
    await settle(list);
    expect(renderedIndices(list).length).to.be.at.least(before + 13);
  });

  it('0 items: renders nothing and does not fail; items added later appear', async () => {
    const list = await mountList([]);
    expect(list.windowing.segments).to.deep.equal([]);
    expect(list.items.children).to.have.length(0);
    list.heights = Array(50).fill(20);
    await settle(list);
    expect(renderedIndices(list)[0]).to.equal(0);
  });

  it('a focused item stays rendered when scrolled away; Tab and Shift+Tab reach its neighbours', async () => {
    const list = await mountList(Array(1000).fill(20));
    list.items.querySelector<HTMLButtonElement>('[data-index="5"] button')!.focus();
    list.scroller.scrollTop = 15_000;
    await settle(list);
    const indices = renderedIndices(list);
    expect(indices.slice(0, 3)).to.deep.equal([4, 5, 6]);
    expect(indices[3]).to.be.greaterThan(600);
    expect(list.shadowRoot!.activeElement!.textContent).to.equal('Item 5');

    await sendKeys({ press: 'Tab' });
    expect(list.shadowRoot!.activeElement?.textContent).to.equal('Item 6');
    await settle(list);
    expect(renderedIndices(list)).to.include(7);
    await shiftTab();
    await shiftTab();
    expect(list.shadowRoot!.activeElement?.textContent).to.equal('Item 4');
    await settle(list);
    // Focus moved the viewport to item 4: the window follows it.
    expect(renderedIndices(list)).to.include.members([2, 3, 4, 5]);
  });

  it('Tab from the last rendered item moves to the next item, rendered in time', async () => {
    const list = await mountList(Array(1000).fill(20));
    let last = Math.max(...renderedIndices(list));
    list.items.querySelector<HTMLButtonElement>(`[data-index="${last}"] button`)!.focus();
    for (let i = 0; i < 30; i++) {
      await sendKeys({ press: 'Tab' });
      last += 1;
      expect(list.shadowRoot!.activeElement?.textContent).to.equal(`Item ${last}`);
    }
  });

  it('removal leaves no listener, observer or frame behind; re-insertion follows the scroll again', async () => {
    const spy = spyOnLeaks();
    try {
      const list = await mountList(Array(1000).fill(20));
      const parent = list.parentElement!;
      for (let cycle = 0; cycle < 3; cycle++) {
        // A scroll requests a frame (the test has none pending); removal must cancel it.
        list.scroller.dispatchEvent(new Event('scroll'));
        expect(spy.pendingFrames().size).to.equal(1);
        list.remove();
        expect(spy.listeners('scroll'), 'scroll listeners').to.equal(0);
        expect(spy.listeners('focusin'), 'focusin listeners').to.equal(0);
        expect(spy.observers(), 'resize observers').to.equal(0);
        expect(spy.pendingFrames().size, 'frames pending').to.equal(0);
        parent.append(list);
        expect(spy.listeners('scroll')).to.equal(1);
        expect(spy.observers()).to.equal(1);
      }
      list.scroller.scrollTop = 11_000;
      await settle(list);
      expect(renderedIndices(list)).to.include(500);
    } finally {
      spy.restore();
    }
  });

  it('scrollToIndex renders the item and brings it into view', async () => {
    const list = await mountList(variableHeights(2000));
    await list.windowing.scrollToIndex(1500);
    const item = list.items.querySelector<HTMLElement>('[data-index="1500"]');
    expect(item).to.exist;
    const viewport = list.scroller.getBoundingClientRect();
    const rect = item!.getBoundingClientRect();
    expect(rect.bottom).to.be.greaterThan(viewport.top);
    expect(rect.top).to.be.lessThan(viewport.bottom);
  });

  it('every item scrolled past is measured, also when a row shows an item as high as the one before', async () => {
    // 20 and 40 px by turns: a recycled row often gets an item of its old height (no resize to report).
    const heights = Array.from({ length: 120 }, (_, i) => 20 + 20 * (i % 2));
    const list = await mountList(heights);
    for (let top = 0; top < 3600; top += 30) {
      list.scroller.scrollTop = top;
      await frame();
      await list.updateComplete;
    }
    await settle(list);
    const wrong = heights.map((height, i) => [i, list.windowing.sizes.get(i), height + 2]).filter(([, got, want]) => got !== want);
    expect(wrong).to.deep.equal([]);
  });

  it('scrolling far does not pile up nodes, and raises no ResizeObserver loop notice', async () => {
    const notices: string[] = [];
    const onError = (event: ErrorEvent) => notices.push(event.message);
    window.addEventListener('error', onError);
    try {
      const list = await mountList(variableHeights(5000));
      for (let step = 0; step < 60; step++) {
        list.scroller.scrollTop += 2500;
        await frame();
      }
      await settle(list);
      const items = renderedIndices(list).length;
      // Each item and gap is an element between two markers; the template adds a marker and two texts.
      expect(list.items.childNodes.length).to.be.at.most(3 * (items + 2) + 3);
      expect(notices).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });
});
}

describe('keyedRepeat', () => {
  function renderKeys(container: HTMLElement, keys: string[]) {
    // A fresh template result each time, like a host render.
    render(
      html`${keyedRepeat(
        keys,
        (key) => key,
        (key) => html`<p id=${key}>${key}</p>`,
      )}`,
      container,
    );
  }

  it('keeps the elements of items that stay, removes the others with their markers, handles moves', async () => {
    const container = document.createElement('div');
    renderKeys(container, ['a', 'b', 'c']);
    const b = container.querySelector('#b');
    const nodes = container.childNodes.length;
    renderKeys(container, ['b', 'c', 'd']);
    expect(container.querySelector('#b')).to.equal(b);
    expect(container.childNodes.length).to.equal(nodes);
    renderKeys(container, ['d', 'b']);
    expect([...container.querySelectorAll('p')].map((p) => p.id)).to.deep.equal(['d', 'b']);
    expect(container.querySelector('#b')).to.equal(b);
    for (let i = 0; i < 50; i++) renderKeys(container, [`x${i}`, `y${i}`, 'b']);
    expect([...container.querySelectorAll('p')].map((p) => p.id)).to.deep.equal(['x49', 'y49', 'b']);
    expect(container.childNodes.length).to.equal(nodes);
    renderKeys(container, []);
    expect(container.querySelectorAll('p')).to.have.length(0);
  });

  function renderRecycled(container: HTMLElement, keys: string[]) {
    render(
      html`${keyedRepeat(
        keys,
        (key) => key,
        (key) => html`<p id=${key}><button type="button">${key}</button></p>`,
        { reconcile: recycleRows },
      )}`,
      container,
    );
  }
  const ids = (container: HTMLElement) => [...container.querySelectorAll('p')].map((p) => p.id);

  it('recycleRows: rows that leave show the rows that arrive, in place when they are where those go', async () => {
    const container = document.createElement('div');
    renderRecycled(container, ['a', 'b', 'c']);
    const elements = [...container.querySelectorAll('p')];
    const nodes = container.childNodes.length;
    renderRecycled(container, ['d', 'e', 'f']);
    expect(ids(container)).to.deep.equal(['d', 'e', 'f']);
    expect([...container.querySelectorAll('p')]).to.deep.equal(elements);
    expect(container.textContent!.replace(/\s/g, '')).to.equal('def');
    // Scrolled by one: e and f stay, d's element moves to the end for g.
    renderRecycled(container, ['e', 'f', 'g']);
    expect(ids(container)).to.deep.equal(['e', 'f', 'g']);
    expect([...container.querySelectorAll('p')]).to.deep.equal([elements[1], elements[2], elements[0]]);
    // Fewer: the one left over goes with its markers; more: new elements.
    renderRecycled(container, ['x']);
    expect(ids(container)).to.deep.equal(['x']);
    renderRecycled(container, ['x', 'y', 'z']);
    expect(ids(container)).to.deep.equal(['x', 'y', 'z']);
    expect(container.childNodes.length).to.equal(nodes);
  });

  it('recycleRows: the row that has the focus is never given to another item', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    try {
      renderRecycled(container, ['a', 'b']);
      const a = container.querySelector('#a')!;
      a.querySelector('button')!.focus();
      renderRecycled(container, ['c', 'b']);
      expect(ids(container)).to.deep.equal(['c', 'b']);
      expect(container.querySelector('#c')).to.not.equal(a);
      expect(a.isConnected).to.be.false;
    } finally {
      container.remove();
    }
  });

  it('recycleRows: any sequence of renders shows exactly the keys, in order, with no node left behind', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.constantFrom(...'abcdefghij'), { maxLength: 8 }), { minLength: 1, maxLength: 12 }), (renders) => {
        const container = document.createElement('div');
        for (const keys of renders) {
          renderRecycled(container, keys);
          expect(ids(container)).to.deep.equal(keys);
          expect([...container.querySelectorAll('button')].map((b) => b.textContent)).to.deep.equal(keys);
        }
        renderRecycled(container, []);
        expect(container.querySelectorAll('p')).to.have.length(0);
        // The template's own marker and the repeat's: nothing of the removed items.
        expect(container.childNodes.length).to.be.at.most(3);
      }),
    );
  });

  it('recycleRows: when half the rows or more leave, every element stays where it is and shows the row at its place', async () => {
    const container = document.createElement('div');
    renderRecycled(container, ['a', 'b', 'c', 'd']);
    const elements = [...container.querySelectorAll('p')];
    // c and d stay, a and b leave: no element moves, each shows the row at its place.
    renderRecycled(container, ['c', 'd', 'e', 'f']);
    expect(ids(container)).to.deep.equal(['c', 'd', 'e', 'f']);
    expect([...container.querySelectorAll('p')]).to.deep.equal(elements);
    // Only one of four leaves: the rows that stay keep their elements, the leaving one moves.
    renderRecycled(container, ['d', 'e', 'f', 'g']);
    expect([...container.querySelectorAll('p')]).to.deep.equal([elements[1], elements[2], elements[3], elements[0]]);
  });

  it('recycleRows in place: the focused row keeps its element and its focus, the others flow around it', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    try {
      renderRecycled(container, ['a', 'b', 'c', 'd', 'e', 'f']);
      const c = container.querySelector('#c')!;
      c.querySelector('button')!.focus();
      renderRecycled(container, ['c', 'x', 'y', 'z', 'w']);
      expect(ids(container)).to.deep.equal(['c', 'x', 'y', 'z', 'w']);
      expect(container.querySelector('#c')).to.equal(c);
      expect(document.activeElement).to.equal(c.querySelector('button'));
      renderRecycled(container, ['p', 'q', 'r', 's', 'c', 't']);
      expect(ids(container)).to.deep.equal(['p', 'q', 'r', 's', 'c', 't']);
      expect(container.querySelector('#c')).to.equal(c);
      expect(document.activeElement).to.equal(c.querySelector('button'));
    } finally {
      container.remove();
    }
  });

  it('recycleRows with gaps: any sequence of windows shows exactly its gaps and rows, and a gap that stays keeps its element', () => {
    type Item = { kind: 'gap'; key: { name: string } } | { kind: 'item'; index: number };
    const gapKeys = { before: { name: 'before' }, after: { name: 'after' } };
    const renderWindow = (container: HTMLElement, items: Item[]) =>
      render(
        html`${keyedRepeat(
          items,
          (item) => (item.kind === 'gap' ? item.key : `r${item.index}`),
          (item) => (item.kind === 'gap' ? html`<hr data-gap=${item.key.name} />` : html`<p id=${`r${item.index}`}>${item.index}</p>`),
          { reconcile: recycleRows },
        )}`,
        container,
      );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.integer({ min: 0, max: 8 })), { minLength: 1, maxLength: 15 }), (windows) => {
        const container = document.createElement('div');
        let gaps = new Map<string, Element>();
        for (const [start, length] of windows) {
          const items: Item[] = [];
          if (start > 0) items.push({ kind: 'gap', key: gapKeys.before });
          for (let i = start; i < start + length; i++) items.push({ kind: 'item', index: i });
          if (start + length < 40) items.push({ kind: 'gap', key: gapKeys.after });
          renderWindow(container, items);
          const shown = [...container.children].map((child) => (child instanceof HTMLHRElement ? child.dataset.gap : `${child.id}:${child.textContent}`));
          expect(shown).to.deep.equal(items.map((item) => (item.kind === 'gap' ? item.key.name : `r${item.index}:${item.index}`)));
          const now = new Map([...container.querySelectorAll('hr')].map((hr) => [hr.dataset.gap!, hr as Element]));
          for (const [name, hr] of now) if (gaps.has(name)) expect(hr).to.equal(gaps.get(name));
          gaps = now;
        }
        renderWindow(container, []);
        expect(container.children).to.have.length(0);
      }),
    );
  });

  it('duplicate keys render every item', async () => {
    const container = document.createElement('div');
    renderKeys(container, ['a', 'a', 'b']);
    renderKeys(container, ['a', 'a', 'b']);
    expect([...container.querySelectorAll('p')].map((p) => p.id)).to.deep.equal(['a', 'a', 'b']);
  });
});
