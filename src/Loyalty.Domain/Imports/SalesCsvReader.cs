namespace Loyalty.Domain.Imports;

/// <summary>
/// Sales in CSV, as a till system exports them: one row per sale line, the sale's columns (memberId, transactionId,
/// occurredAt, storeId) repeated on each of its rows, the rows of a sale one after the other. A sale is reported at its
/// first row; a row whose sale columns differ from its first row's, or any invalid row, refuses the whole sale.
/// At most <see cref="ImportLineRules.MaxSaleLines"/> rows of a sale are held.
/// </summary>
internal sealed class SalesCsvReader(ImportLineReader lines, ImportLineRules rules) : ImportFileReader<ImportedSale>(lines)
{
    private CsvHeader? _header;
    private string? _headerError;
    /// <summary>The first row of the next sale, read while finishing the one before.</summary>
    private (long Number, IReadOnlyList<string?> Row)? _ahead;
    private bool _ended;

    public override async ValueTask<ImportParsed<ImportedSale>?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_ahead is not { } first)
        {
            var read = await NextRowAsync(cancellationToken);
            if (read.Error is { } error)
                return new(null, error);
            if (read.Row is not { } row)
                return null;
            first = row;
        }
        _ahead = null;
        var sale = new SaleLine
        {
            MemberId = _header!.Field(first.Row, "memberId"),
            TransactionId = _header.Field(first.Row, "transactionId"),
            StoreId = _header.Field(first.Row, "storeId"),
            Lines = [],
        };
        ImportLineError? refused = null;
        var occurredAt = _header.Field(first.Row, "occurredAt");
        try
        {
            sale.OccurredAt = CsvFields.Time(occurredAt, "occurredAt");
        }
        catch (CsvFieldException ex)
        {
            refused = new ImportLineError(first.Number, ex.Field, ex.Message);
        }
        refused ??= AddItem(sale, first);
        var rows = 1;
        while (!_ended)
        {
            var read = await NextRowAsync(cancellationToken);
            if (read.Error is not null || read.Row is not { } next)
            {
                // A broken row ends the sale: it is reported on its own line, after the sale.
                if (read.Error is { } error)
                    _pendingError = error;
                break;
            }
            if (!SameSale(first.Row, next.Row))
            {
                _ahead = next;
                break;
            }
            rows++;
            if (_header.Field(next.Row, "occurredAt") != occurredAt || _header.Field(next.Row, "storeId") != sale.StoreId)
                refused ??= new ImportLineError(next.Number, "occurredAt", "A row of the sale differs from its first row in 'occurredAt' or 'storeId'.");
            else if (rows <= ImportLineRules.MaxSaleLines)
                refused ??= AddItem(sale, next);
        }
        if (refused is not null)
            return new(null, refused);
        if (rows > ImportLineRules.MaxSaleLines)
            return ImportParsed<ImportedSale>.Refused(first.Number, "lines", $"A sale has between 1 and {ImportLineRules.MaxSaleLines} lines.");
        return rules.Sale(first.Number, sale);
    }

    private ImportLineError? _pendingError;

    private bool SameSale(IReadOnlyList<string?> a, IReadOnlyList<string?> b) =>
        _header!.Field(a, "memberId") == _header.Field(b, "memberId") && _header.Field(a, "transactionId") == _header.Field(b, "transactionId");

    private ImportLineError? AddItem(SaleLine sale, (long Number, IReadOnlyList<string?> Row) row)
    {
        try
        {
            sale.Lines!.Add(new SaleItemLine
            {
                Sku = _header!.Field(row.Row, "sku"),
                Category = _header.Field(row.Row, "category"),
                Quantity = CsvFields.Int(_header.Field(row.Row, "quantity"), "quantity"),
                UnitPrice = CsvFields.Decimal(_header.Field(row.Row, "unitPrice"), "unitPrice"),
            });
            return null;
        }
        catch (CsvFieldException ex)
        {
            return new ImportLineError(row.Number, $"lines[{sale.Lines!.Count}].{ex.Field}", ex.Message);
        }
    }

    /// <summary>The next data row, or the error of a line that is not one; both null at the end of the file.</summary>
    private async ValueTask<((long Number, IReadOnlyList<string?> Row)? Row, ImportLineError? Error)> NextRowAsync(CancellationToken cancellationToken)
    {
        if (_pendingError is { } pending)
        {
            _pendingError = null;
            return (null, pending);
        }
        while (true)
        {
            if (await NextLineAsync(cancellationToken) is not { } line)
            {
                _ended = true;
                return (null, null);
            }
            if (line.TooLong)
                return (null, TooLong(line.Number, rules.Options.MaxLineLength));
            if (_header is null && _headerError is null)
            {
                (_header, _headerError) = CsvHeader.Parse(line.Text!, ImportCsvColumns.SalesRequired, ImportCsvColumns.SalesOptional);
                if (_headerError is not null)
                    return (null, new ImportLineError(line.Number, "header", _headerError));
                continue;
            }
            if (_header is null)
                return (null, new ImportLineError(line.Number, "header", _headerError!));
            if (CsvRow.Split(line.Text!) is not { } row)
                return (null, new ImportLineError(line.Number, "line", "The line is not valid CSV (an unclosed quote?)."));
            return ((line.Number, row), null);
        }
    }
}
