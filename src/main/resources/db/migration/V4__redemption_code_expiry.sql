-- Redemption codes may expire; NULL means never. A code is redeemed at most once: redeeming sets
-- redeemed_by only where it is still NULL, so of two concurrent redemptions one updates the row.
ALTER TABLE redemption_codes ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
