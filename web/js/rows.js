// rows.js — the one lookup of the catalog's rows (every table row has a `name` and a `display`),
// and the lists the page's messages make of them. No DOM, no state.

/** The row called `name` in one of the catalog's tables, or undefined. */
export const row = (rows, name) => rows.find((r) => r.name === name);

/** A row's display name (the name itself when the row is unknown). */
export const display = (rows, name) => row(rows, name)?.display ?? name;

/** "a, b or c" of some words (display names). */
export const either = (words) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`);
