/** Saves data as a JSON file through the browser's download (a Blob, an object URL and a temporary link). */
export function downloadJson(fileName: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoked on the next turn: some browsers start the download only after the click handler returns.
    setTimeout(() => URL.revokeObjectURL(url));
  }
}
