import { CoalescingBatcher } from './coalescing-batcher';

/** A run the test releases by hand, recording the batches it was given. */
function controlledRun() {
  const batches: number[][] = [];
  const releases: Array<() => void> = [];
  const run = (inputs: number[]) => {
    batches.push(inputs);
    return new Promise<string[]>((resolve) => releases.push(() => resolve(inputs.map((n) => `#${n}`))));
  };
  return { batches, releases, run };
}

describe('CoalescingBatcher', () => {
  it('runs a lone request at once, and those that arrive meanwhile together in the next batch', async () => {
    const { batches, releases, run } = controlledRun();
    const batcher = new CoalescingBatcher(run);

    const first = batcher.submit(1);
    expect(batches).toEqual([[1]]);
    const rest = [batcher.submit(2), batcher.submit(3), batcher.submit(4)];
    expect(batches).toHaveLength(1);

    releases[0]();
    expect(await first).toBe('#1');
    await new Promise(setImmediate);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    releases[1]();
    expect(await Promise.all(rest)).toEqual(['#2', '#3', '#4']);
  });

  it('splits what waits into batches of at most the given size', async () => {
    const { batches, releases, run } = controlledRun();
    const batcher = new CoalescingBatcher(run, 2);
    const all = [1, 2, 3, 4, 5].map((n) => batcher.submit(n));
    for (let i = 0; i < 3; i++) {
      await new Promise(setImmediate);
      releases[i]();
    }
    expect(await Promise.all(all)).toEqual(['#1', '#2', '#3', '#4', '#5']);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('fails every request of a failed batch with its error, and serves later ones', async () => {
    let calls = 0;
    const batcher = new CoalescingBatcher(async (inputs: number[]) => {
      calls += 1;
      if (calls === 2) throw new Error('deadlock detected');
      return inputs.map((n) => n * 10);
    });
    const first = batcher.submit(1);
    const failed = [batcher.submit(2), batcher.submit(3)];
    expect(await first).toBe(10);
    await expect(failed[0]).rejects.toThrow('deadlock detected');
    await expect(failed[1]).rejects.toThrow('deadlock detected');
    expect(await batcher.submit(4)).toBe(40);
  });

  it('fails the batch when the run answers a different number of results', async () => {
    const batcher = new CoalescingBatcher(async () => [] as number[]);
    await expect(batcher.submit(1)).rejects.toThrow('A batch of 1 requests answered 0 results');
  });
});
