// tries.js — all-or-nothing changes (a model file, a CSV, a link), the page's side: one try at a
// time. A try is a build or setData message (protocol.js) with a `req`; the worker builds the new
// data and network beside the running ones and answers accepted { req, id } or rejected { req,
// errors }. Tries are chained, so each is computed from the configuration the previous one left.
// Owns the pending request only; main.js decides what an answer means.

export function createTries(post) {
  let chain = Promise.resolve(), reqs = 0, pending = null;
  return {
    /** After the previous try settles, start() returns the message to try (or null: nothing to
     *  try); resolves with the worker's answer (or null). Answers are delivered before the
     *  worker's next message is handled (a promise's callbacks run before the next event). */
    send(start) {
      const attempt = chain.then(() => new Promise((resolve) => {
        const message = start();
        if (!message) return resolve(null);
        pending = { req: ++reqs, resolve };
        post({ ...message, req: pending.req });
      }));
      chain = attempt.catch(() => {});
      return attempt;
    },
    /** The worker's accepted or rejected: settles the pending try it answers. */
    answer(msg) {
      if (!pending || pending.req !== msg.req) return;
      const { resolve } = pending;
      pending = null;
      resolve(msg);
    },
  };
}
