-- A cancelled order's sold stock goes back on hand: the reservation row
-- records it as 'restocked', so a repeated restock changes nothing.
ALTER TABLE inventory.reservations DROP CONSTRAINT reservations_status_check;
ALTER TABLE inventory.reservations ADD CONSTRAINT reservations_status_check
  CHECK (status IN ('reserved', 'committed', 'released', 'expired', 'rejected', 'restocked'));
