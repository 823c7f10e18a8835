/** Numbers strings in the order they are first met: `values[idOf(s)] === s`. */
export function interner(): { values: string[]; ids: ReadonlyMap<string, number>; idOf: (value: string) => number } {
  const ids = new Map<string, number>();
  const values: string[] = [];
  const idOf = (value: string): number => {
    let id = ids.get(value);
    if (id === undefined) {
      id = values.length;
      ids.set(value, id);
      values.push(value);
    }
    return id;
  };
  return { values, ids, idOf };
}
