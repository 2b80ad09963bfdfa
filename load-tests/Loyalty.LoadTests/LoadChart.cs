using ScottPlot;

namespace Loyalty.LoadTests;

/// <summary>A PNG of a timed run: latency percentiles per second above, answered requests per second below.</summary>
internal static class LoadChart
{
    public static void Draw(string path, string title, LoadFigures figures)
    {
        var seconds = figures.Timeline.Select(p => (double)p.Second + 1).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();

        var latency = multiplot.GetPlot(0);
        latency.Title(title, size: 13);
        void Line(string label, Func<TimelinePoint, double?> pick, Color color, LinePattern pattern)
        {
            var points = figures.Timeline.Where(p => pick(p) is not null).ToArray();
            if (points.Length == 0)
                return;
            var line = latency.Add.Scatter(points.Select(p => (double)p.Second + 1).ToArray(), points.Select(p => pick(p)!.Value).ToArray(), color);
            line.LegendText = label;
            line.MarkerSize = 3;
            line.LinePattern = pattern;
        }
        Line("max", p => p.Max, Colors.Gray, LinePattern.Dotted);
        Line("p99", p => p.P99, Colors.Red, LinePattern.Solid);
        Line("p90", p => p.P90, Colors.Orange, LinePattern.Solid);
        Line("p50", p => p.P50, Colors.Blue, LinePattern.Solid);
        latency.Axes.Left.Label.Text = "latency per second (ms)";
        latency.Axes.Bottom.Label.Text = "seconds after the warm-up";
        latency.ShowLegend(Alignment.UpperLeft);
        latency.Axes.AutoScale();
        latency.Axes.SetLimitsY(0, Math.Max(1, figures.Timeline.Max(p => p.Max ?? 0) * 1.1));

        var throughput = multiplot.GetPlot(1);
        var answered = throughput.Add.Scatter(seconds, figures.Timeline.Select(p => (double)p.Completed).ToArray(), Colors.Green);
        answered.LegendText = "answered (2xx, expected 409)";
        answered.MarkerSize = 3;
        if (figures.Timeline.Any(p => p.Errors > 0))
        {
            var errors = throughput.Add.Scatter(seconds, figures.Timeline.Select(p => (double)p.Errors).ToArray(), Colors.Red);
            errors.LegendText = "errors";
            errors.MarkerSize = 3;
        }
        throughput.Axes.Left.Label.Text = "requests per second";
        throughput.Axes.Bottom.Label.Text = "seconds after the warm-up";
        throughput.ShowLegend(Alignment.LowerLeft);
        throughput.Axes.AutoScale();
        throughput.Axes.SetLimitsY(0, Math.Max(1, figures.Timeline.Max(p => p.Completed + p.Errors) * 1.15));

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        multiplot.SavePng(path, 1200, 800);
    }
}
