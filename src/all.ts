/**
 * Registers every element (the single-file / CDN entry) and re-exports the whole library, so
 * `<script type="module" src=".../all.js">` is all a page needs.
 */
import './components/provider/acct-provider.js';
import './components/invoice-list/acct-invoice-list.js';
import './components/invoice-detail/acct-invoice-detail.js';

export * from './index.js';
