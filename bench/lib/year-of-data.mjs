// A year of helpdesk data for P7 (issue #19), written by SQL inside PostgreSQL so it takes minutes:
// 5 departments, 50 operators besides the demo accounts, widget/Telegram/VK/WhatsApp channels, 60,000
// clients (Russian and English names, most with an email, many with a phone), 100,000 tickets spread
// over 365 days (1,500 of them live: 300 waiting in Unassigned, the rest with operators; the demo
// operator holds 40), and 1,000,000 history entries: the client and the operators taking turns, some
// internal comments, a system entry closing each finished ticket; texts in both languages, many naming
// an order number. The database must have been migrated and seeded with the demo data (the API's first
// start). Secondary indexes are dropped during the load and built again after it (faster, and the same
// indexes in the end), then everything is analysed.

/** Client names: Russian and English first names and surnames. */
const FIRST = ['Анна', 'Иван', 'Мария', 'Дмитрий', 'Елена', 'Сергей', 'Ольга', 'Алексей', 'Наталья', 'Михаил', 'Татьяна', 'Андрей',
  'Emma', 'Oliver', 'Sophia', 'James', 'Isabella', 'William', 'Mia', 'Lucas', 'Charlotte', 'Henry', 'Amelia', 'Jack'];
const LAST = ['Иванова', 'Смирнов', 'Кузнецова', 'Попов', 'Васильева', 'Петров', 'Соколова', 'Михайлов', 'Новикова', 'Фёдоров',
  'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Thomas', 'Roberts', 'Walker'];
const MAIL = ['anna', 'ivan', 'maria', 'dima', 'lena', 'sergey', 'olga', 'alex', 'natasha', 'misha', 'tanya', 'andrey',
  'emma', 'oliver', 'sophia', 'james', 'bella', 'will', 'mia', 'lucas', 'charlotte', 'henry', 'amelia', 'jack'];

/** What clients write (%s: an order number). */
const CLIENT_TEXTS = [
  'Здравствуйте! Мой заказ %s до сих пор не пришёл, подскажите, где он?',
  'Можно изменить адрес доставки для заказа %s?',
  'Велосипед пришёл с погнутым колесом, заказ %s. Что делать?',
  'Хочу вернуть товар из заказа %s, он не подошёл по размеру',
  'Оплата картой не проходит, пишет ошибку банка',
  'Когда снова появится в продаже шлем Urban Pro?',
  'Спасибо, всё получил!',
  'Подскажите, есть ли у вас самовывоз в Москве?',
  'Hello, my order %s has not arrived yet. Can you check?',
  'Can I change the delivery address for order %s?',
  'The chain broke after two weeks of riding, order %s',
  'I would like to return the helmet from order %s, it is too small',
  'My card payment keeps failing at checkout',
  'Do you ship to Kazakhstan? How long does it take?',
  'Thanks, that solved it!',
  'Is the Trail 29 frame compatible with a 2.4 inch tyre?',
];
/** What operators answer. */
const REPLY_TEXTS = [
  'Добрый день! Проверяю заказ %s, минуту.',
  'Заказ %s передан в доставку, трек-номер отправили на почту.',
  'Оформили возврат по заказу %s, деньги вернутся за 3–5 рабочих дней.',
  'Попробуйте, пожалуйста, другую карту или оплату через СБП.',
  'Да, самовывоз есть: ул. Лесная, 7, с 10 до 20.',
  'Hi! I am checking order %s for you right now.',
  'Order %s has been handed to the courier, the tracking number is in your email.',
  'We have started a return for order %s; the refund takes 3 to 5 working days.',
  'Could you try another card, or pay by bank transfer?',
  'Yes, we ship there; delivery takes about a week.',
];
const COMMENT_TEXTS = ['Клиент постоянный, можно дать скидку', 'Проверить склад по заказу %s', 'Escalate to the warehouse team: order %s', 'VIP customer, be quick'];

const sqlArray = (items) => `(ARRAY[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]::text[])`;

/**
 * Writes the data into the database `db` (a connected pg.Client) and returns what it wrote. `log` gets
 * progress lines.
 */
export async function generateYear(db, { tickets = 100_000, messages = 1_000_000, live = 1_500, unassigned = 300, clients = 60_000, days = 365, log = () => {} } = {}) {
  const perTicket = messages / tickets; // average history length
  const began = performance.now();
  const step = async (what, statement, values) => {
    const t = performance.now();
    const result = await db.query(statement, values);
    log(`${what}: ${result.rowCount ?? ''} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return result;
  };

  const { rows: [support] } = await db.query(`SELECT id FROM departments ORDER BY created_at LIMIT 1`);
  const { rows: [operator] } = await db.query(`SELECT id, password_hash FROM employees WHERE email = 'operator@demo.local'`);
  const { rows: [group] } = await db.query(`SELECT id FROM groups WHERE name = 'Operators'`);
  if (!support || !operator || !group) throw new Error('the database has no demo data (start the API on it once first)');

  // Secondary indexes out of the way of the load; constraints (primary and unique keys) stay.
  const { rows: indexes } = await db.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
      WHERE c.relname IN ('tickets', 'messages', 'clients') AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        AND NOT i.indisunique`,
  );
  for (const index of indexes) await db.query('DROP INDEX ' + index.name); // regclass text: quoted by PostgreSQL

  await step('departments', `INSERT INTO departments (name) SELECT 'Department ' || i FROM generate_series(2, 5) i`);
  const { rows: departments } = await db.query(`SELECT id FROM departments ORDER BY created_at, name`);
  const departmentIds = departments.map((d) => d.id);
  await step(
    'channels',
    `INSERT INTO channels (type, name, department_id, public_key)
     SELECT type, initcap(type) || ' ' || d.n, d.id, CASE WHEN type = 'widget' THEN 'bench-' || d.n END
       FROM unnest($1::uuid[]) WITH ORDINALITY AS d(id, n), unnest(ARRAY['widget', 'telegram', 'vk', 'whatsapp']) AS type
      WHERE NOT (d.n = 1 AND type = 'widget')`,
    [departmentIds],
  );
  await step(
    'operators',
    `WITH e AS (
       INSERT INTO employees (email, name, password_hash, status, chat_limit)
       SELECT 'op' || i || '@bench.local', 'Operator ' || i, $1, CASE WHEN i % 3 = 0 THEN 'offline' ELSE 'online' END, 10
         FROM generate_series(1, 50) i RETURNING id, email)
     INSERT INTO department_members (department_id, employee_id)
     SELECT ($2::uuid[])[1 + substring(e.email FROM '^op([0-9]+)@')::int % 5], e.id FROM e`,
    [operator.password_hash, departmentIds],
  );
  await db.query(`INSERT INTO employee_groups (group_id, employee_id) SELECT $1, id FROM employees WHERE email LIKE '%@bench.local'`, [group.id]);
  // The supervisor works in every department; the demo operator in the first one only.
  await db.query(
    `INSERT INTO department_members (department_id, employee_id)
     SELECT d, e.id FROM unnest($1::uuid[]) d, employees e WHERE e.email = 'supervisor@demo.local' ON CONFLICT DO NOTHING`,
    [departmentIds],
  );

  await step(
    'clients',
    `INSERT INTO clients (name, email, phone, created_at, updated_at)
     SELECT f.name || ' ' || ${sqlArray(LAST)}[1 + (i * 7) % ${LAST.length}],
            CASE WHEN i % 5 <> 0 THEN ${sqlArray(MAIL)}[1 + i % ${MAIL.length}] || '.' || i || '@mail.example' END,
            CASE WHEN i % 5 IN (1, 2) THEN '+7 9' || lpad(((i * 7919) % 100000000)::text, 8, '0') END,
            now() - make_interval(days => ${days}) + (i::float / $1) * make_interval(days => ${days}), now()
       FROM generate_series(1, $1) i, LATERAL (SELECT ${sqlArray(FIRST)}[1 + i % ${FIRST.length}] AS name) f`,
    [clients],
  );

  // Tickets in time order (numbers follow), the last `live` ones live; each with its history length.
  await db.query(`CREATE TEMP TABLE gen_tickets AS
    SELECT i, CASE WHEN i > $1 - $2 THEN now() - make_interval(secs => ($1 - i + 1) * 60)
                   ELSE now() - make_interval(days => $3::int) + (i::float / ($1 - $2)) * make_interval(days => $3::int - 2) END AS created_at,
           i > $1 - $2 AS live,
           greatest(2, round($4::float + $4::float * 0.8 * sin(i * 12.9898) * cos(i * 4.1414)))::int AS n
      FROM generate_series(1, $1) i`, [tickets, live, days, perTicket]);
  const { rows: channels } = await db.query(`SELECT id, department_id FROM channels ORDER BY created_at, id`);
  const { rows: operators } = await db.query(
    `SELECT e.id, m.department_id FROM employees e JOIN department_members m ON m.employee_id = e.id WHERE e.email LIKE '%@bench.local' ORDER BY m.department_id, e.email`,
  );
  // Per department, its operators (10 each): index = department's position * 10 + k.
  const operatorIds = departmentIds.flatMap((d) => operators.filter((o) => o.department_id === d).map((o) => o.id));
  const perDepartment = operatorIds.length / departmentIds.length;
  await db.query(`CREATE TEMP TABLE gen_clients AS SELECT row_number() OVER (ORDER BY created_at, id) AS rn, id FROM clients`);
  await db.query(`CREATE UNIQUE INDEX ON gen_clients (rn)`);
  await step(
    'tickets',
    `INSERT INTO tickets (subject, status, live, department_id, executor_id, client_id, channel_id, created_at, updated_at, completed_at,
                          last_seq, last_message_at, assigned_at, first_reply_due, first_replied_at, sla_breached)
     SELECT left(format(${sqlArray(CLIENT_TEXTS)}[1 + g.i % ${CLIENT_TEXTS.length}], 1000 + g.i % 9000), 120),
            CASE WHEN NOT g.live THEN 'completed' WHEN x.executor IS NULL THEN 'open' ELSE 'in_progress' END,
            g.live, c.department_id, x.executor, cl.id, c.channel_id, g.created_at,
            g.created_at + make_interval(mins => g.n * 3), CASE WHEN g.live THEN NULL ELSE g.created_at + make_interval(mins => g.n * 3) END,
            g.n, g.created_at + make_interval(mins => g.n * 3), CASE WHEN x.executor IS NOT NULL THEN g.created_at END,
            g.created_at + interval '10 minutes', CASE WHEN x.executor IS NOT NULL OR NOT g.live THEN g.created_at + interval '3 minutes' END,
            CASE WHEN g.live AND x.executor IS NULL AND g.created_at < now() - interval '10 minutes' THEN '{first-reply}'::text[] ELSE '{}' END
       FROM gen_tickets g
       CROSS JOIN LATERAL (SELECT 1 + abs(hashtext('c' || g.i)) % cardinality($5::uuid[]) AS k) pick
       CROSS JOIN LATERAL (SELECT ($5::uuid[])[pick.k] AS channel_id, ($6::uuid[])[pick.k] AS department_id, ($7::int[])[pick.k] AS dpos) c
       JOIN gen_clients cl ON cl.rn = 1 + CASE WHEN g.live THEN g.i % $1::int ELSE (g.i::bigint * 7919) % $1::int END
       CROSS JOIN LATERAL (SELECT CASE
                 WHEN g.live AND g.i <= $2::int - $3::int + $4::int THEN NULL
                 WHEN g.live AND g.i <= $2::int - $3::int + $4::int + 40 THEN $8::uuid
                 ELSE ($9::uuid[])[c.dpos * ${perDepartment} + 1 + abs(hashtext('e' || g.i)) % ${perDepartment}] END AS executor) x
      ORDER BY g.i`,
    [
      clients,
      tickets,
      live,
      unassigned,
      channels.map((c) => c.id),
      channels.map((c) => c.department_id),
      channels.map((c) => departmentIds.indexOf(c.department_id)),
      operator.id,
      operatorIds,
    ],
  );
  // The demo operator's 40 live chats must be in their own department for them to see them.
  await db.query(`UPDATE tickets t SET department_id = $1 WHERE executor_id = $2 AND live`, [support.id, operator.id]);

  await step(
    'messages',
    `INSERT INTO messages (ticket_id, seq, kind, body, author_client_id, author_employee_id, event, created_at, visibility, delivery_state)
     SELECT t.id, s,
            k.kind,
            CASE k.kind
              WHEN 'client' THEN format(${sqlArray(CLIENT_TEXTS)}[1 + (t.number + s) % ${CLIENT_TEXTS.length}], 1000 + (t.number * 31 + s) % 9000)
              WHEN 'reply' THEN format(${sqlArray(REPLY_TEXTS)}[1 + (t.number + s) % ${REPLY_TEXTS.length}], 1000 + (t.number * 31 + s - 1) % 9000)
              WHEN 'comment' THEN format(${sqlArray(COMMENT_TEXTS)}[1 + (t.number + s) % ${COMMENT_TEXTS.length}], 1000 + t.number % 9000)
              ELSE 'Completed' END,
            CASE WHEN k.kind = 'client' THEN t.client_id END,
            CASE WHEN k.kind IN ('reply', 'comment') THEN coalesce(t.executor_id, $1::uuid) END,
            CASE WHEN k.kind = 'system' THEN '{"type":"ticket.completed","employeeId":null,"employeeName":null}'::jsonb END,
            t.created_at + make_interval(mins => s * 3),
            'both',
            CASE WHEN k.kind = 'reply' THEN 'delivered' END
       FROM tickets t CROSS JOIN LATERAL generate_series(1, t.last_seq) s
       CROSS JOIN LATERAL (SELECT CASE WHEN s = t.last_seq AND NOT t.live THEN 'system'
                                       WHEN s % 2 = 1 THEN 'client'
                                       WHEN (t.number + s) % 11 = 0 THEN 'comment'
                                       ELSE 'reply' END AS kind) k
      WHERE t.created_at > now() - make_interval(days => ${days + 1})`,
    [operator.id],
  );
  await step(
    'ticket counters',
    `UPDATE tickets t SET last_client_seq = x.client_seq,
            waiting_since = CASE WHEN t.live AND x.client_seq = t.last_seq THEN t.last_message_at END
       FROM (SELECT ticket_id, max(seq) FILTER (WHERE kind = 'client') AS client_seq FROM messages GROUP BY ticket_id) x
      WHERE x.ticket_id = t.id`,
  );
  await step('read marks', `INSERT INTO ticket_reads (employee_id, ticket_id, last_read_seq) SELECT executor_id, id, last_seq - 1 FROM tickets WHERE live AND executor_id IS NOT NULL`);
  await db.query(`SELECT setval(pg_get_serial_sequence('tickets', 'number'), (SELECT max(number) FROM tickets))`);

  for (const index of indexes) await step(`index ${index.name}`, index.definition);
  await step('analyze', 'ANALYZE');
  const { rows: [count] } = await db.query(`SELECT (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM messages)::int AS messages,
    (SELECT count(*) FROM clients)::int AS clients, (SELECT count(*) FROM tickets WHERE live)::int AS live,
    (SELECT count(*) FROM tickets WHERE live AND executor_id IS NULL)::int AS unassigned, pg_size_pretty(pg_database_size(current_database())) AS size`);
  return { ...count, seconds: (performance.now() - began) / 1000 };
}
