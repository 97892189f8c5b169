// select2 shows its chosen text in a span with role="textbox" but no name of its own;
// name each after its field, so that screen readers say what the box is for (WCAG 4.1.2).
"use strict";
{
    const fieldName = (select) => {
        const label = select.getAttribute("aria-label")
            || document.querySelector(`label[for="${select.id}"]`)?.textContent
            || "";
        return label.replace(/\s*:\s*$/, "").trim();  // French labels end in " :"
    };

    const nameBoxes = () => {
        for (const box of document.querySelectorAll(".select2-selection__rendered[role=textbox]:not([aria-label])")) {
            const select = box.closest(".select2-container")?.previousElementSibling;
            const name = select ? fieldName(select) : "";
            if (name) {
                box.setAttribute("aria-label", name);
            }
        }
    };

    // select2 builds its boxes after the page loads, and again for each inline row added.
    new MutationObserver(nameBoxes).observe(document.documentElement, {childList: true, subtree: true});
}
