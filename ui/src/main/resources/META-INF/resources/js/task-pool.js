/** Runs async tasks with at most `limit` in flight (e.g. one drift test or backtest per table row). */
export function taskPool(limit) {
  let running = 0;
  const waiting = [];
  function next() {
    while (running < limit && waiting.length > 0) {
      const { task, resolve, reject } = waiting.shift();
      running += 1;
      Promise.resolve().then(task).then(resolve, reject).finally(() => {
        running -= 1;
        next();
      });
    }
  }
  return {
    /** Queues `task` (a function returning a promise); resolves with its result. */
    run(task) {
      return new Promise((resolve, reject) => {
        waiting.push({ task, resolve, reject });
        next();
      });
    },
    /** Drops the tasks that have not started yet. */
    clear() {
      waiting.length = 0;
    },
  };
}
