import { useTestApp } from '../../test/test-app';
import { QueueService } from './queue.service';

const TASK = 'collect-test';
/** Far enough ahead that no worker runs the test's jobs (their task is not registered anyway). */
const LATER = new Date(Date.now() + 24 * 3600_000);

async function queueNames(t: ReturnType<typeof useTestApp>, prefix: string): Promise<string[]> {
  const rows = await t.dataSource.query<{ queue_name: string }[]>(
    'SELECT queue_name FROM graphile_worker._private_job_queues WHERE queue_name LIKE $1 ORDER BY queue_name',
    [`${prefix}%`],
  );
  return rows.map((r) => r.queue_name);
}

/** Collects, trying again while another statement adding jobs holds the lock for a moment (the app runs meanwhile). */
async function collect(queue: QueueService): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const count = await queue.collectQueues();
    if (count !== null) return count;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The enqueue lock stayed busy for 5 s');
}

/**
 * Issue #19 (speed at volume): graphile-worker keeps a row per queue name ever used, one per conversation
 * here, and each worker's fetch of a job locks them all; the empty ones are collected, and never one that
 * a transaction is adding a job to.
 */
describe('empty per-conversation queues are collected', () => {
  const t = useTestApp();

  // Each test's jobs go after it (the app itself is closed by the time an afterAll here would run).
  afterEach(async () => {
    await t.dataSource.query(
      `DELETE FROM graphile_worker._private_jobs WHERE task_id IN (SELECT id FROM graphile_worker._private_tasks WHERE identifier = $1)`,
      [TASK],
    );
  });

  it('queues without jobs go; a queue with a job waiting stays, and its job with it', async () => {
    await t.dataSource.query(`INSERT INTO graphile_worker._private_job_queues (queue_name) SELECT 'deliver:old-' || g FROM generate_series(1, 1000) AS g`);
    const queue = t.get(QueueService);
    await queue.enqueue(t.dataSource.manager, TASK, { n: 1 }, { queueName: 'deliver:kept', runAt: LATER });

    expect(await collect(queue)).toBeGreaterThanOrEqual(1000);
    expect(await queueNames(t, 'deliver:old-')).toEqual([]);
    expect(await queueNames(t, 'deliver:kept')).toEqual(['deliver:kept']);
    const [job] = await t.dataSource.query<{ queue_name: string }[]>(
      `SELECT q.queue_name FROM graphile_worker._private_jobs j JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id
        JOIN graphile_worker._private_tasks k ON k.id = j.task_id WHERE k.identifier = $1`,
      [TASK],
    );
    expect(job?.queue_name).toBe('deliver:kept');
  });

  it('a queue a transaction is adding a job to is not collected under it: collection waits for that commit', async () => {
    const queue = t.get(QueueService);
    // The queue exists and is empty, as after a conversation's last delivery.
    await t.dataSource.query(`INSERT INTO graphile_worker._private_job_queues (queue_name) VALUES ('deliver:racing')`);
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await queue.enqueue(runner.manager, TASK, { n: 2 }, { queueName: 'deliver:racing', runAt: LATER });
      // Its job is not committed: collecting now would see the queue empty and delete it. It does not run.
      expect(await queue.collectQueues()).toBeNull();
      expect(await queueNames(t, 'deliver:racing')).toEqual(['deliver:racing']);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    await collect(queue);
    expect(await queueNames(t, 'deliver:racing')).toEqual(['deliver:racing']);
  });
});
