export interface Toast {
  id: number;
  message: string;
  tone: "success" | "error" | "info";
  link?: { href: string; label: string };
}

const VISIBLE_MS = 5000;

/** Short confirmations and failures, announced politely by <Toaster>. */
class Toasts {
  items = $state<Toast[]>([]);
  #next = 1;

  show(message: string, tone: Toast["tone"] = "success", link?: Toast["link"]): void {
    const id = this.#next++;
    this.items = [...this.items, { id, message, tone, ...(link ? { link } : {}) }];
    setTimeout(() => this.dismiss(id), tone === "error" ? VISIBLE_MS * 2 : VISIBLE_MS);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
