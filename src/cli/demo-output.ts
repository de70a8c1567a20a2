/** The demo's console: numbered steps and the lines under them, timed from the start. */
export const started = Date.now();

export const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s`;
let stepNumber = 0;
export function step(title: string): void {
  stepNumber += 1;
  console.log(`\n[${elapsed()}] ${stepNumber}. ${title}`);
}
export function say(message: string): void {
  console.log(`[${elapsed()}]    ${message}`);
}
export function progress(label: string): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const quarter = Math.floor((done / total) * 4);
    if (quarter !== shown && (quarter > 0 || done === total)) {
      shown = quarter;
      say(`${label} ${done}/${total}`);
    }
  };
}
