/**
 * While files are dragged over the window, the whole window says it will take
 * them (`data-dropping` on <html>, drawn in styles.css). Drag events fire
 * enter/leave for every element crossed, so they are counted: the target goes
 * away only when the drag has left the window, been dropped, or ended.
 * `onFilesOver` is told once each time files come over the window.
 */
export function showDropTarget(onFilesOver: () => void): void {
  const root = document.documentElement;
  let depth = 0;
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  const clear = () => {
    depth = 0;
    delete root.dataset.dropping;
  };
  document.addEventListener('dragenter', (event) => {
    if (!carriesFiles(event)) return;
    if (depth++ === 0) onFilesOver();
    root.dataset.dropping = '';
  });
  document.addEventListener('dragleave', (event) => {
    if (!carriesFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) clear();
  });
  document.addEventListener('drop', clear);
  document.addEventListener('dragend', clear);
}
