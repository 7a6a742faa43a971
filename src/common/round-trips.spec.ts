import { RoundTrips, mergeHits } from './round-trips.js';

/** A statement the test finishes by hand. */
function manualSend() {
  const sent: { questions: string[]; finish: (answers?: string[]) => void; fail: (error: Error) => void }[] = [];
  const send = (questions: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      sent.push({ questions, finish: (answers) => resolve(answers ?? questions.map((q) => `answer ${q}`)), fail: reject });
    });
  return { sent, send };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RoundTrips', () => {
  it('sends an idle request at once, and gathers the requests that arrive during a statement into the next one', async () => {
    const { sent, send } = manualSend();
    const trips = new RoundTrips(send);
    const a = trips.ask('a');
    await settle();
    expect(sent.map((s) => s.questions)).toEqual([['a']]);
    const b = trips.ask('b');
    const c = trips.ask('c');
    await settle();
    // b and c arrived while a's statement was in flight: they are not answered by it.
    expect(sent.map((s) => s.questions)).toEqual([['a']]);
    sent[0].finish();
    expect(await a).toBe('answer a');
    await settle();
    expect(sent.map((s) => s.questions)).toEqual([['a'], ['b', 'c']]);
    sent[1].finish();
    expect(await Promise.all([b, c])).toEqual(['answer b', 'answer c']);
  });

  it('fails every request of a failed statement, and the next requests get a statement of their own', async () => {
    const { sent, send } = manualSend();
    const trips = new RoundTrips(send);
    const a = trips.ask('a');
    await settle();
    sent[0].fail(new Error('database away'));
    await expect(a).rejects.toThrow('database away');
    const b = trips.ask('b');
    await settle();
    expect(sent.map((s) => s.questions)).toEqual([['a'], ['b']]);
    sent[1].finish();
    expect(await b).toBe('answer b');
  });

  it('refuses a statement that answers a different number of questions', async () => {
    const { sent, send } = manualSend();
    const trips = new RoundTrips(send);
    const a = trips.ask('a');
    await settle();
    sent[0].finish([]);
    await expect(a).rejects.toThrow('0 answers to 1 questions');
  });
});

describe('mergeHits', () => {
  it('counts each key once per request, in key order, and gives each request the count it would have had alone', () => {
    const { merged, perRequest } = mergeHits([['ip:1', 'user:a'], ['ip:1', 'user:b'], ['ip:1', 'user:a', 'user:a']]);
    expect(merged).toEqual([{ key: 'ip:1', n: 3 }, { key: 'user:a', n: 2 }, { key: 'user:b', n: 1 }]);
    // After the statement: ip:1 has 10 hits in its window (7 earlier), user:a 2 (a new window), user:b 5.
    const own = perRequest(new Map([['ip:1', 10], ['user:a', 2], ['user:b', 5]]));
    expect(own.map((m) => Object.fromEntries(m))).toEqual([
      { 'ip:1': 8, 'user:a': 1 },
      { 'ip:1': 9, 'user:b': 5 },
      { 'ip:1': 10, 'user:a': 2 },
    ]);
  });

  it('refuses totals that lack a key', () => {
    expect(() => mergeHits([['ip:1']]).perRequest(new Map())).toThrow('no count for ip:1');
  });
});
