using ResearchBot.Core.Progress;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ResearchBot.Progress;

/// <summary>
/// Progress for a person at a terminal: Spectre.Console bars (percentage, count, rate, ETA), redrawn in place on the
/// given console (stderr). One live display runs while at least one step is open; it ends, leaving the bars' last state
/// on screen, when the last step ends, so what the verb prints afterwards is not drawn over.
/// </summary>
internal sealed class TerminalProgressReporter(IAnsiConsole console, TimeProvider timeProvider) : IProgressReporter
{
    private readonly Lock _lock = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Figures> _figures = new();
    private Session? _session;

    public IProgressTracker Start(string title, string? unit)
    {
        lock (_lock)
        {
            _session ??= Session.Begin(console, timeProvider, new FiguresColumn(_figures));
            var task = _session.Context.AddTask(Markup.Escape(title), autoStart: true, maxValue: 1);
            task.IsIndeterminate = true;
            var figures = _figures[task.Id] = new Figures(unit);
            _session.Open++;
            return new Tracker(this, task, figures);
        }
    }

    private void End(ProgressTask task)
    {
        lock (_lock)
        {
            task.StopTask();
            if (_session is { } session && --session.Open == 0)
            {
                _session = null;
                session.End();
            }
        }
    }

    private sealed class Session
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task _display = Task.CompletedTask;

        public ProgressContext Context { get; private set; } = null!;

        public int Open { get; set; }

        public static Session Begin(IAnsiConsole console, TimeProvider timeProvider, FiguresColumn figures)
        {
            var session = new Session();
            var ready = new TaskCompletionSource<ProgressContext>(TaskCreationOptions.RunContinuationsAsynchronously);
            var progress = new Spectre.Console.Progress(console, timeProvider)
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 24 }, figures);
            session._display = Task.Run(() => progress.StartAsync(async ctx =>
            {
                ready.SetResult(ctx);
                await session._done.Task;
                ctx.Refresh();
            }));
            session.Context = ready.Task.GetAwaiter().GetResult();
            return session;
        }

        public void End()
        {
            _done.TrySetResult();
            _display.GetAwaiter().GetResult();
        }
    }

    /// <summary>What a task shows besides its bar: set by its tracker, read by the display's thread.</summary>
    private sealed class Figures(string? unit)
    {
        public string? Unit => unit;

        public long Count { get; set; }

        public string? Note { get; set; }
    }

    private sealed class Tracker(TerminalProgressReporter owner, ProgressTask task, Figures figures) : IProgressTracker
    {
        private int _ended;

        public void Report(long count, double? fraction = null, string? note = null)
        {
            figures.Count = count;
            figures.Note = note;
            task.IsIndeterminate = fraction is null;
            if (fraction is { } f)
            {
                task.Value = Math.Clamp(f, 0, 1);
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                owner.End(task);
            }
        }
    }

    /// <summary>Percentage (when known), count, rate, ETA and note, worded as in the plain lines.</summary>
    private sealed class FiguresColumn(System.Collections.Concurrent.ConcurrentDictionary<int, Figures> figures) : ProgressColumn
    {
        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var elapsed = task.ElapsedTime ?? TimeSpan.Zero;
            double? fraction = task.IsIndeterminate ? null : task.Value;
            var f = figures.TryGetValue(task.Id, out var known) ? known : new Figures(null);
            var text = ProgressText.Figures(elapsed, f.Count, f.Unit, task.IsFinished ? null : fraction, f.Note);
            var percent = fraction is { } share ? ProgressText.Percent(share).PadLeft(6) + "  " : ""; // none while the share is unknown
            return new Text(percent + (task.IsFinished ? (text + "  " + ProgressText.Clock(elapsed)).Trim() : text));
        }
    }
}
