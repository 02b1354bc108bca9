// show.js — how a browser consumer reports: the result (or the error) as JSON in <output id="result">,
// marked data-done for the test to read. Copied beside each browser consumer's entry.
export async function show(compute) {
  let result;
  try {
    result = await compute();
  } catch (e) {
    result = { failed: `${e?.name}: ${e?.message}`, field: e?.field };
  }
  const output = document.getElementById('result');
  output.textContent = JSON.stringify(result);
  output.dataset.done = '';
}
