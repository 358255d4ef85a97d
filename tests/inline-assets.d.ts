/** Vite inlines a file imported with `?url&inline` as a base64 data: URL (how binary fixtures reach workerd tests). */
declare module "*?url&inline" {
  const dataUrl: string;
  export default dataUrl;
}

/** Vite inlines a file imported with `?raw` as its text (wrangler.toml, for the schedule check). */
declare module "*?raw" {
  const text: string;
  export default text;
}
