// The one statement of P3's bare baseline (baseline-server.mjs) and its table: also what
// pg-statement-cost.mjs runs as the baseline, so both measure the same INSERT.
export const BASELINE_TABLE = `CREATE TABLE IF NOT EXISTS bench_baseline_messages (
  id bigserial PRIMARY KEY,
  visitor text NOT NULL,
  body text NOT NULL,
  client_msg_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`;

export const BASELINE_INSERT = 'INSERT INTO bench_baseline_messages (visitor, body, client_msg_id) VALUES ($1, $2, $3) RETURNING id, created_at';
