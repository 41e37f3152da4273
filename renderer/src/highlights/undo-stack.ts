/** A change the user made, with the way back. Both directions persist their own effect. */
export interface Command {
  label: string;
  undo(): void;
  redo(): void;
}

/** Linear undo history: a new command after some undos discards what could have been redone. */
export class UndoStack {
  readonly #done: Command[] = [];
  readonly #undone: Command[] = [];

  constructor(private readonly capacity = 500) {}

  /** Records a command whose effect has already been applied. */
  push(command: Command): void {
    this.#done.push(command);
    if (this.#done.length > this.capacity) this.#done.shift();
    this.#undone.length = 0;
  }

  /** Undoes the latest command; returns it, or null when there is nothing to undo. */
  undo(): Command | null {
    const command = this.#done.pop();
    if (!command) return null;
    command.undo();
    this.#undone.push(command);
    return command;
  }

  redo(): Command | null {
    const command = this.#undone.pop();
    if (!command) return null;
    command.redo();
    this.#done.push(command);
    return command;
  }

  clear(): void {
    this.#done.length = 0;
    this.#undone.length = 0;
  }
}
