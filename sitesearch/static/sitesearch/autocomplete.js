// Autocomplete for the header search box. Without JavaScript the box is a
// plain search form; with it, suggestions from /<lang>/search/suggest/ appear
// below the box as a listbox (arrow keys move, Enter opens, Escape closes).
document.addEventListener("DOMContentLoaded", () => {
  const input = document.getElementById("header-q");
  if (!input || !input.form) return;
  const url = input.dataset.suggestUrl;
  if (!url) return;
  const list = document.createElement("ul");
  list.id = "header-q-suggestions";
  list.className = "search-suggestions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("autocomplete", "off");
  let timer = null;
  let active = -1;
  let lastQuery = "";

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };
  const mark = (index) => {
    const items = list.querySelectorAll("[role=option]");
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (items[index]) input.setAttribute("aria-activedescendant", items[index].id);
  };
  const show = (results) => {
    list.replaceChildren();
    results.forEach((result, i) => {
      const li = document.createElement("li");
      li.id = `header-q-option-${i}`;
      li.setAttribute("role", "option");
      const link = document.createElement("a");
      link.href = result.url;
      link.tabIndex = -1;
      link.textContent = result.title;
      const type = document.createElement("span");
      type.className = "search-suggestion-type";
      type.textContent = result.type_label;
      link.append(" ", type);
      li.appendChild(link);
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", String(results.length > 0));
    active = -1;
  };
  const fetchSuggestions = async () => {
    const query = input.value.trim();
    if (query.length < 2) return close();
    if (query === lastQuery) return;
    lastQuery = query;
    try {
      const response = await fetch(`${url}?q=${encodeURIComponent(query)}`, { headers: { Accept: "application/json" } });
      if (!response.ok) return close();
      const data = await response.json();
      if (input.value.trim() === query) show(data.results);
    } catch {
      close();
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 200);
  });
  input.addEventListener("keydown", (event) => {
    const items = list.querySelectorAll("[role=option]");
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      mark((active + 1) % items.length);
    } else if (event.key === "ArrowUp" && items.length) {
      event.preventDefault();
      mark((active - 1 + items.length) % items.length);
    } else if (event.key === "Enter" && active >= 0 && items[active]) {
      event.preventDefault();
      window.location.href = items[active].querySelector("a").href;
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 200));
});
