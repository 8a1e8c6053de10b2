export function render(items: string[]): string {
  // @claude refactor this, then add pagination and also update the tests
  return items.map((item) => `<li>${item}</li>`).join("");
}
