/**
 * Runs many small requests as few statements: a request that arrives while
 * no batch is in flight starts one at once (so a lone request waits for
 * nothing), and requests that arrive while one is in flight go together in the
 * next. Under load this turns one statement and one commit per request into
 * one per batch; idle, it adds no delay.
 *
 * `run` receives the batch's inputs and answers one output per input, in the
 * same order. If it throws, every request of that batch fails with its error.
 */
export class CoalescingBatcher<In, Out> {
  private waiting: Array<{ input: In; resolve: (value: Out) => void; reject: (error: unknown) => void }> = [];
  private inFlight = false;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch = 100,
  ) {}

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.inFlight) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.inFlight = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const outputs = await this.run(batch.map((request) => request.input));
        if (outputs.length !== batch.length) {
          throw new Error(`A batch of ${batch.length} requests answered ${outputs.length} results`);
        }
        batch.forEach((request, i) => request.resolve(outputs[i]));
      } catch (error) {
        for (const request of batch) request.reject(error);
      }
    }
    this.inFlight = false;
  }
}
