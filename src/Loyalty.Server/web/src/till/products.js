// The till's small demo menu.
export const PRODUCTS = [
  { sku: "LATTE", name: "Latte", category: "coffee", unitPrice: 3.2 },
  { sku: "ESPRESSO", name: "Espresso", category: "coffee", unitPrice: 2.4 },
  { sku: "CAPPUCCINO", name: "Cappuccino", category: "coffee", unitPrice: 3.4 },
  { sku: "CROISSANT", name: "Croissant", category: "bakery", unitPrice: 2.8 },
  { sku: "SANDWICH", name: "Sandwich", category: "food", unitPrice: 6.5 },
  { sku: "COOKIE", name: "Cookie", category: "bakery", unitPrice: 1.9 },
];
