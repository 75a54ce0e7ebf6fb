-- A card payment keeps the card's expiry as it was when paying, next to its label, so that two
-- cards with the same brand and last digits are told apart in the history (NULL for bank payments).
-- From this version on a declined charge also keeps the allocations it was to make (002 said
-- "without allocations"): the history traces a decline to its invoices; nothing was paid.
ALTER TABLE payments ADD COLUMN payment_method_exp_month smallint, ADD COLUMN payment_method_exp_year smallint;
