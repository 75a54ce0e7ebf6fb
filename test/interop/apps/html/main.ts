// Plain HTML: the element is in the page's markup; the host script sets the property and listens.
import { api, record, start } from '../harness.js';

const root = document.getElementById('root')!;
const markup = '<acct-invoice-list filter="open" page-size="5"></acct-invoice-list>';

function mount() {
  if (!root.firstElementChild) root.innerHTML = markup;
  const list = root.querySelector('acct-invoice-list')!;
  list.api = api;
  list.addEventListener('acct-invoice-view', record);
}

await start(mount, () => root.replaceChildren());
