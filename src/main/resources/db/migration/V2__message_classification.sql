-- The classifier's full result per message (scores, matched keywords with positions), for agents and ops to see
-- why a message landed where it did; and the details pulled out of its text (amounts, references, dates, ...).
ALTER TABLE messages ADD COLUMN classification_json VARCHAR;
ALTER TABLE messages ADD COLUMN entities_json VARCHAR;
