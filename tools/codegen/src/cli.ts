/** Placeholder until the generator lands: exits 0 so the workspace builds. */
export async function main(_argv: string[]): Promise<number> {
  return 0;
}
