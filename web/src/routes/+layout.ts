// A client-rendered SPA: the Worker serves index.html for every page path.
export const ssr = false;
export const prerender = false;
