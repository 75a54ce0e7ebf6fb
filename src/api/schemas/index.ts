export * from './common.js';
export * from './problem.js';
export * from './account.js';
export * from './invoice.js';
export * from './payment-method.js';
export * from './payment.js';
